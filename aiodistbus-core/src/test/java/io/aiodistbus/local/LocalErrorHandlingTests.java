package io.aiodistbus.local;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.BusErrorHandler;
import io.aiodistbus.DeadLetterHeaders;
import io.aiodistbus.ErrorAction;
import io.aiodistbus.RetryBackOff;
import io.aiodistbus.RetryingErrorHandler;
import io.aiodistbus.event.Event;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the local bus adds to the contract's error handling: its blocking emit waits for retries, and
 * emits in handlers are delivered synchronously, so what must not happen can be asserted right after
 * the emit returns.
 */
class LocalErrorHandlingTests {

	private final EventBus bus = new EventBus();

	@AfterEach
	void close() {
		this.bus.close();
	}

	@Test
	void blockingEmitReturnsOnceTheRetriedHandlerSucceeded() {
		LocalEntryPoint entryPoint = this.bus.entryPoint();
		entryPoint.setErrorHandler(new RetryingErrorHandler(new RetryBackOff(3, Duration.ofMillis(5),
				Duration.ofMillis(5), 1.0)));
		AtomicInteger calls = new AtomicInteger();
		List<String> threads = new CopyOnWriteArrayList<>();
		entryPoint.on("order", () -> {
			threads.add(Thread.currentThread().getName());
			if (calls.incrementAndGet() < 3) {
				throw new IllegalStateException("not yet");
			}
		});

		entryPoint.emit("order");

		assertThat(calls).hasValue(3);
		assertThat(threads.get(0)).isEqualTo(Thread.currentThread().getName());
		assertThat(threads.subList(1, 3)).allMatch((name) -> name.startsWith("aiodistbus-retry-"));
	}

	@Test
	void deadLetterOfAFailingWildcardHandlerIsNotDeadLetteredAgain() {
		LocalEntryPoint entryPoint = this.bus.entryPoint();
		entryPoint.setErrorHandler(new RetryingErrorHandler(RetryBackOff.none()).withDeadLetters());
		List<String> seen = new CopyOnWriteArrayList<>();
		entryPoint.on("order.*", (event) -> {
			seen.add(event.type());
			throw new IllegalStateException("always");
		});

		entryPoint.emit("order.created");

		// the dead letter matches order.* too, fails there, and is logged rather than sent to .dlt.dlt
		assertThat(seen).containsExactly("order.created", "order.created.dlt");
	}

	@Test
	void errorHandlerThatThrowsIsTakenAsLog() {
		LocalEntryPoint entryPoint = this.bus.entryPoint();
		entryPoint.setErrorHandler((failure) -> {
			throw new IllegalStateException("broken error handler");
		});
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger other = new AtomicInteger();
		entryPoint.on("order", () -> {
			calls.incrementAndGet();
			throw new IllegalStateException("handler");
		});
		entryPoint.on("order", other::incrementAndGet);

		entryPoint.emit("order");

		assertThat(calls).hasValue(1);
		assertThat(other).hasValue(1);
	}

	@Test
	void errorHandlerMayDecideByException() {
		LocalEntryPoint entryPoint = this.bus.entryPoint();
		BusErrorHandler byException = (failure) -> (failure.error() instanceof IllegalArgumentException)
				? ErrorAction.deadLetter("invalid") : ErrorAction.retryAfter(Duration.ZERO);
		entryPoint.setErrorHandler(byException);
		List<Event> invalid = new CopyOnWriteArrayList<>();
		entryPoint.on("invalid", invalid::add);
		AtomicInteger calls = new AtomicInteger();
		entryPoint.on("order", () -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("transient");
			}
			throw new IllegalArgumentException("bad order");
		});

		entryPoint.emit("order", "o-1");

		assertThat(calls).hasValue(2);
		assertThat(invalid).singleElement().satisfies((event) -> {
			assertThat(event.data()).isEqualTo("o-1");
			assertThat(event.headers()).containsEntry(DeadLetterHeaders.ATTEMPTS, "2")
				.containsEntry(DeadLetterHeaders.EXCEPTION_MESSAGE, "bad order");
		});
	}
}
