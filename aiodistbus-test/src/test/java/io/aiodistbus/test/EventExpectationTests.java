package io.aiodistbus.test;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.event.Event;
import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventExpectationTests {

	private final EventBus bus = new EventBus();

	private final LocalEntryPoint entryPoint = this.bus.entryPoint();

	private final EventRecorder recorder = EventRecorder.on(this.entryPoint, "*");

	@AfterEach
	void close() {
		this.bus.close();
	}

	@Test
	void awaitShouldReturnTheEventOfTheTypePayloadAndHeader() {
		this.entryPoint.emit("point", new Point(0, 0), null, Map.of("trace", "a"));
		this.entryPoint.emit("point", new Point(1, 2), null, Map.of("trace", "b"));
		this.entryPoint.emitAsync("point", new Point(1, 2), Map.of("trace", "c"));
		Event event = this.recorder.expect("point")
			.withPayload(Point.class, new Point(1, 2))
			.withHeader("trace", "c")
			.await();
		assertThat(event.headers()).containsEntry("trace", "c");
	}

	@Test
	void awaitShouldTakeAPayloadCondition() {
		this.entryPoint.emit("geo.point", new Point(3, 4));
		assertThat(this.recorder.expect("geo.*").withPayloadMatching(Point.class, (point) -> point.x() == 3).await().type())
			.isEqualTo("geo.point");
	}

	@Test
	void awaitShouldSkipPayloadsOfAnotherShape() {
		this.entryPoint.emit("point", "not a point");
		this.entryPoint.emit("point", new Point(5, 6));
		assertThat(this.recorder.expect("point").withPayload(Point.class, new Point(5, 6)).await(1, Duration.ofSeconds(5)))
			.hasSize(1);
	}

	@Test
	void awaitShouldFailNamingWhatWasExpectedAndWhatArrived() {
		this.entryPoint.emit("point", new Point(1, 1));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.recorder.expect("point")
				.withPayload(Point.class, new Point(9, 9))
				.await(1, Duration.ofMillis(200)))
			.withMessageContaining("type 'point' with payload Point[x=9, y=9]")
			.withMessageContaining("found 0");
	}

	@Test
	void barrierShouldWaitForEarlierEventsOfThePublisherAndNotBeRecorded() {
		this.entryPoint.emitAsync("a", 1);
		LocalEntryPoint publisher = this.bus.entryPoint();
		publisher.emit("b", 2);
		this.recorder.barrier(publisher);
		assertThat(this.recorder.events("b")).hasSize(1);
		assertThat(this.recorder.events()).extracting(Event::type).doesNotContain(EventRecorder.BARRIER_TYPE);
	}

	@Test
	void barrierShouldFailWhenTheMarkerCannotArrive() {
		EventBus other = new EventBus();
		try {
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> this.recorder.barrier(other.entryPoint(), Duration.ofMillis(100)))
				.withMessageContaining("did not arrive");
		}
		finally {
			other.close();
		}
	}

	record Point(int x, int y) {
	}

}
