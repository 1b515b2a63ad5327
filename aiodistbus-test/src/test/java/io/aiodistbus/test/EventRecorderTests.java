package io.aiodistbus.test;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.event.Event;
import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;

class EventRecorderTests {

	private final EventBus bus = new EventBus();

	private final LocalEntryPoint entryPoint = this.bus.entryPoint();

	@AfterEach
	void close() {
		this.bus.close();
	}

	@Test
	void shouldRecordMatchingEventsByType() {
		EventRecorder recorder = EventRecorder.on(this.entryPoint, "chat.*");
		this.entryPoint.emit("chat.message", "hi");
		this.entryPoint.emit("chat.joined", "ann");
		this.entryPoint.emit("other", "x");
		assertThat(recorder.events()).extracting(Event::type).containsExactly("chat.message", "chat.joined");
		assertThat(recorder.events("chat.message")).extracting(Event::data).containsExactly("hi");
		assertThat(recorder.count("chat.*")).isEqualTo(2);
		assertThat(recorder.count("other")).isZero();
	}

	@Test
	void shouldRecordEverythingWithoutTypes() {
		EventRecorder recorder = EventRecorder.on(this.entryPoint);
		this.entryPoint.emit("a", 1);
		this.entryPoint.emit("b.c", 2);
		assertThat(recorder.count("*")).isEqualTo(2);
	}

	@Test
	void payloadsShouldBeConvertedAsForAHandler() {
		EventRecorder recorder = EventRecorder.on(this.entryPoint, "point");
		this.entryPoint.emit("point", Map.of("x", 1, "y", 2));
		assertThat(recorder.payloads("point", Point.class)).containsExactly(new Point(1, 2));
	}

	@Test
	void clearAndCloseShouldStopWhatIsSeen() {
		EventRecorder recorder = EventRecorder.on(this.entryPoint, "a");
		this.entryPoint.emit("a");
		recorder.clear();
		assertThat(recorder.events()).isEmpty();
		recorder.close();
		this.entryPoint.emit("a");
		assertThat(recorder.events()).isEmpty();
	}

	record Point(int x, int y) {
	}

}
