package io.aiodistbus.autoconfigure.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.aiodistbus.DropReason;
import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.AiodistbusAutoConfiguration;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.ClientSecurity;
import io.aiodistbus.distributed.ConnectTimeoutException;
import io.aiodistbus.distributed.CurveKeyPair;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.spring.metrics.AiodistbusMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
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
			assertThat(registry.get("aiodistbus.events.lost").functionCounter().count()).isZero();
			assertThat(registry.get("aiodistbus.events.out.of.order").functionCounter().count()).isZero();
			assertThat(registry.get("aiodistbus.events.epochs").functionCounter().count()).isZero();
		});
	}

	@Test
	void dropCountersShouldStillCountAfterAGarbageCollection() {
		this.runner.withPropertyValues("aiodistbus.mode=broker", "aiodistbus.broker.port=0").run((context) -> {
			EntryPoint entryPoint = context.getBean(EntryPoint.class);
			entryPoint.on("number", Integer.class, (number) -> {
			});
			// meters hold what they read weakly: it must be what the application holds, not a view made for them
			System.gc();
			entryPoint.emit("number", "not a number");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(() -> assertThat(registry.get("aiodistbus.events.dropped")
				.tags("component", "client", "reason", DropReason.PAYLOAD.tag())
				.functionCounter()
				.count()).isEqualTo(1));
		});
	}

	@Test
	void brokerModeShouldMeterRefusedConnections() {
		CurveKeyPair appKeys = CurveKeyPair.generate();
		this.runner
			.withPropertyValues("aiodistbus.mode=broker", "aiodistbus.broker.port=0", "aiodistbus.security.enabled=true",
					"aiodistbus.security.public-key=" + appKeys.publicKey(),
					"aiodistbus.security.secret-key=" + appKeys.secretKey())
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("aiodistbus.broker.refused").functionCounter().count()).isZero();
				ClientOptions stranger = ClientOptions.defaults()
					.withSecurity(ClientSecurity.curve(CurveKeyPair.generate(), appKeys.publicKey()));
				try (DEntryPoint client = new DEntryPoint(stranger)) {
					assertThatExceptionOfType(ConnectTimeoutException.class).isThrownBy(() -> client
						.connect("127.0.0.1", context.getBean(DEventBus.class).port(), Duration.ofMillis(500)));
				}
				assertThat(registry.get("aiodistbus.broker.refused").functionCounter().count()).isPositive();
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
