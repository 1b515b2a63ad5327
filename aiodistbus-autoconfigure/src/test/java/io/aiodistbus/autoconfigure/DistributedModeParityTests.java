package io.aiodistbus.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.aiodistbus.DropReason;
import io.aiodistbus.EntryPoint;
import io.aiodistbus.EntryPointStateException;
import io.aiodistbus.autoconfigure.health.AiodistbusHealthContributorAutoConfiguration;
import io.aiodistbus.autoconfigure.metrics.AiodistbusMetricsAutoConfiguration;
import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.spring.EventHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * One application on each distributed transport, put there by its properties alone, as a service
 * switched from {@code mode: client} to {@code mode: nats}: it keeps its {@code aiodistbus} health, its
 * meters under the same names and tags (so that dashboards keep working), {@code auto-startup} and
 * {@code fail-fast}; each
 * test the same code on both, against a real server. (Handler concurrency, retries and dead letters,
 * graceful shutdown and tracing run on both transports in their own tests.)
 */
@ParameterizedClass(name = "{0}")
@EnumSource(BusTransport.class)
class DistributedModeParityTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final BusTransport transport;

	private final BusTransport.Server server;

	private final ApplicationContextRunner runner;

	DistributedModeParityTests(BusTransport transport) {
		this.transport = transport;
		this.server = transport.start();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, AiodistbusAutoConfiguration.class,
					AiodistbusNatsAutoConfiguration.class, AiodistbusHealthContributorAutoConfiguration.class,
					AiodistbusMetricsAutoConfiguration.class))
			.withPropertyValues(this.server.properties().toArray(String[]::new))
			.withBean("orders", Orders.class);
	}

	@AfterEach
	void closeServer() {
		this.server.close();
	}

	@Test
	void healthFollowsTheServerAndCountsTheReconnect() {
		this.runner.run((context) -> {
			HealthIndicator indicator = context.getBean("aiodistbusHealthIndicator", HealthIndicator.class);
			Health health = indicator.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("state", ConnectionState.CONNECTED)
				.containsEntry("reconnects", 0L)
				.containsEntry("lost", 0L)
				.containsEntry("outOfOrder", 0L)
				.containsEntry("epochs", 0L)
				.containsEntry("dropped", Map.of());

			this.server.stop();
			await().atMost(TIMEOUT).until(() -> indicator.health(true).getStatus().equals(Status.DOWN));
			this.server.restart();
			await().atMost(TIMEOUT).untilAsserted(() -> {
				Health back = indicator.health(true);
				assertThat(back.getStatus()).isEqualTo(Status.UP);
				assertThat(back.getDetails()).containsEntry("state", ConnectionState.CONNECTED)
					.containsEntry("reconnects", 1L);
			});
		});
	}

	@Test
	void metersHaveTheNamesAndTagsOfClientMode() {
		this.runner.withBean(SimpleMeterRegistry.class).run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			Orders orders = context.getBean(Orders.class);
			try (EntryPoint other = this.server.connect()) {
				other.emit("order.placed", "o-1");
				other.emit("order.count", "not a number");
				await().atMost(TIMEOUT).untilAsserted(() -> {
					assertThat(orders.placed).containsExactly("o-1");
					assertThat(meters.get("aiodistbus.events.dropped")
						.tags("component", "client", "reason", DropReason.PAYLOAD.tag())
						.functionCounter()
						.count()).isEqualTo(1);
				});
			}
			context.getBean(EntryPoint.class).emit("order.shipped", "o-1");

			assertThat(meters.get("aiodistbus.events.emitted").counter().count()).isEqualTo(1);
			assertThat(meters.get("aiodistbus.events.received").counter().count()).isEqualTo(2);
			assertThat(meters.get("aiodistbus.handler.time").tag("handler", "orders.placed(String)").timer().count())
				.isEqualTo(1);
			assertThat(meters.get("aiodistbus.events.dropped").tag("component", "client").functionCounters())
				.hasSize(DropReason.values().length);
			for (String lossMeter : List.of("aiodistbus.events.lost", "aiodistbus.events.out.of.order",
					"aiodistbus.events.epochs")) {
				assertThat(meters.get(lossMeter).functionCounter().count()).as(lossMeter).isZero();
			}
		});
	}

	@Test
	void withoutAutoStartupTheApplicationConnectsOnlyWhenTheContextIsStarted() {
		this.runner.withPropertyValues("aiodistbus.auto-startup=false").run((context) -> {
			HealthIndicator indicator = context.getBean("aiodistbusHealthIndicator", HealthIndicator.class);
			EntryPoint entryPoint = context.getBean(EntryPoint.class);
			assertThat(indicator.health(true).getDetails()).containsEntry("state", ConnectionState.NEW);
			assertThatExceptionOfType(EntryPointStateException.class)
				.isThrownBy(() -> entryPoint.emit("order.shipped", "o-1"));

			context.start();

			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
			Orders orders = context.getBean(Orders.class);
			try (EntryPoint other = this.server.connect()) {
				other.emit("order.placed", "o-2");
				await().atMost(TIMEOUT).until(() -> orders.placed.contains("o-2"));
			}
		});
	}

	@Test
	void withoutFailFastTheApplicationStartsBeforeItsServerAndConnectsOnceItIsUp() {
		this.server.stop();
		this.runner
			.withPropertyValues(this.transport.property("fail-fast=false"),
					this.transport.property("pending-emit-limit=2"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				HealthIndicator indicator = context.getBean("aiodistbusHealthIndicator", HealthIndicator.class);
				Health connecting = indicator.health(true);
				assertThat(connecting.getStatus()).isEqualTo(Status.DOWN);
				assertThat(connecting.getDetails()).containsEntry("state", ConnectionState.CONNECTING);
				EntryPoint entryPoint = context.getBean(EntryPoint.class);
				entryPoint.emit("order.placed", "o-1");
				entryPoint.emit("order.placed", "o-2");
				entryPoint.emit("order.placed", "o-3");
				assertThat(indicator.health(true).getDetails()).containsEntry("dropped",
						Map.of(DropReason.QUEUE_FULL.tag(), 1L));

				this.server.restart();

				await().atMost(TIMEOUT).until(() -> indicator.health(true).getStatus().equals(Status.UP));
				Orders orders = context.getBean(Orders.class);
				await().atMost(TIMEOUT).until(() -> orders.placed.size() == 2);
				assertThat(orders.placed).containsExactly("o-1", "o-2");
			});
	}

	static class Orders {

		final List<String> placed = new CopyOnWriteArrayList<>();

		@EventHandler("order.placed")
		void placed(String order) {
			this.placed.add(order);
		}

		@EventHandler("order.count")
		void count(Integer count) {
			throw new IllegalStateException("a payload that is no number never reaches here, got " + count);
		}

	}

}
