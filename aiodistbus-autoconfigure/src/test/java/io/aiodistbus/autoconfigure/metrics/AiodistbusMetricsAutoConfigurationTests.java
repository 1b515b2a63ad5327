package io.aiodistbus.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.AiodistbusAutoConfiguration;
import io.aiodistbus.wire.DropReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AiodistbusMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, AiodistbusAutoConfiguration.class,
				AiodistbusMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void emitsHandlersAndErrorsShouldBeCounted() {
		this.runner.run((context) -> {
			EntryPoint entryPoint = context.getBean(EntryPoint.class);
			entryPoint.on("ok", () -> {
			});
			entryPoint.on("bad", () -> {
				throw new IllegalStateException("boom");
			});
			entryPoint.on("number", Integer.class, (number) -> {
			});
			entryPoint.emit("ok");
			entryPoint.emit("bad");
			entryPoint.emit("number", "not a number");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("aiodistbus.events.emitted").counter().count()).isEqualTo(3);
			assertThat(registry.get("aiodistbus.handler.time").timer().count()).isEqualTo(1);
			assertThat(registry.get("aiodistbus.handler.errors").counter().count()).isEqualTo(1);
			assertThat(registry.get("aiodistbus.events.dropped")
				.tags("component", "local", "reason", DropReason.PAYLOAD.tag())
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void brokerModeShouldMeterRelayedDropsAndReceived() {
		this.runner.withPropertyValues("aiodistbus.mode=broker", "aiodistbus.broker.port=0").run((context) -> {
			EntryPoint entryPoint = context.getBean(EntryPoint.class);
			entryPoint.on("x", () -> {
			});
			entryPoint.emit("x");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(() -> {
				assertThat(registry.get("aiodistbus.events.received").counter().count()).isEqualTo(1);
				assertThat(registry.get("aiodistbus.events.relayed").functionCounter().count()).isGreaterThanOrEqualTo(1);
			});
			assertThat(registry.get("aiodistbus.events.dropped")
				.tags("component", "broker", "reason", DropReason.CHECKSUM.tag())
				.functionCounter()
				.count()).isZero();
			assertThat(registry.get("aiodistbus.events.dropped").tag("component", "client").functionCounters())
				.hasSize(DropReason.values().length);
		});
	}

	@Test
	void runWithoutMicrometerShouldNotCreateMetrics() {
		new ApplicationContextRunner().withConfiguration(
				AutoConfigurations.of(AiodistbusAutoConfiguration.class, AiodistbusMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AiodistbusMetrics.class));
	}

}
