package io.aiodistbus.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.aiodistbus.BusObserver;
import io.aiodistbus.EntryPoint;
import io.aiodistbus.event.Event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A user's observer bean: records what it hears as {@code callback:type}.
 */
class RecordingObserver implements BusObserver {

	final List<String> heard = new CopyOnWriteArrayList<>();

	@Override
	public void emitted(Event event) {
		this.heard.add("emitted:" + event.type());
	}

	@Override
	public void handled(Event event, String handler, long nanos) {
		this.heard.add("handled:" + event.type());
	}

	@Override
	public void handlerFailed(Event event, String handler, Throwable error) {
		this.heard.add("handlerFailed:" + event.type() + ":" + error.getMessage());
	}

	// Without it the entry point does not time handlers, and reports no handled event.
	@Override
	public boolean timesHandlers() {
		return true;
	}

	/**
	 * Emits one event to a handler that completes and one to a handler that throws, on the
	 * application's entry point, and waits until this observer heard all of it.
	 * @param entryPoint the application's entry point
	 */
	void hearsEmitsAndHandlersOf(EntryPoint entryPoint) {
		entryPoint.on("observed.ok", () -> {
		});
		entryPoint.on("observed.bad", () -> {
			throw new IllegalStateException("boom");
		});
		entryPoint.emit("observed.ok");
		entryPoint.emit("observed.bad");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.heard).contains("emitted:observed.ok", "emitted:observed.bad",
					"handled:observed.ok", "handlerFailed:observed.bad:boom"));
	}

}
