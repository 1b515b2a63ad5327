package io.aiodistbus.spring.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observer on its own, on an entry point the application made itself.
 */
class MeterObserverTests {

	@Test
	void emitsAndHandlersShouldBeMetered() {
		MeterRegistry registry = new SimpleMeterRegistry();
		try (EventBus bus = new EventBus()) {
			LocalEntryPoint entryPoint = bus.entryPoint();
			entryPoint.addObserver(new MeterObserver(registry));
			entryPoint.on("ok", () -> {
			});
			entryPoint.on("bad", () -> {
				throw new IllegalStateException("boom");
			});
			entryPoint.emit("ok");
			entryPoint.emit("bad");
		}
		assertThat(registry.get("aiodistbus.events.emitted").counter().count()).isEqualTo(2);
		assertThat(registry.get("aiodistbus.handler.time").timer().count()).isEqualTo(1);
		assertThat(registry.get("aiodistbus.handler.errors").counter().count()).isEqualTo(1);
	}

}
