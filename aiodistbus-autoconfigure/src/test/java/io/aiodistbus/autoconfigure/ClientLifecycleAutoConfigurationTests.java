package io.aiodistbus.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.aiodistbus.DropReason;
import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.health.AiodistbusHealthContributorAutoConfiguration;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.spring.EventHandler;
import io.aiodistbus.spring.health.ClientHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client's lifecycle in a Spring application, against a real broker: started before its broker
 * with {@code fail-fast} off, and stopped and started with the context across a broker restart.
 */
class ClientLifecycleAutoConfigurationTests {

	private final int port = unusedBrokerPort();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class,
				AiodistbusHealthContributorAutoConfiguration.class))
		.withPropertyValues("aiodistbus.mode=client", "aiodistbus.client.port=" + this.port)
		.withBean(Orders.class);

	private DEventBus broker;

	@AfterEach
	void closeBroker() {
		if (this.broker != null) {
			this.broker.close();
		}
	}

	@Test
	void withoutFailFastTheApplicationStartsBeforeItsBrokerAndConnectsWhenItComesUp() {
		this.runner.withPropertyValues("aiodistbus.client.fail-fast=false", "aiodistbus.client.pending-emit-limit=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DEntryPoint client = context.getBean(DEntryPoint.class);
				ClientHealthIndicator health = context.getBean(ClientHealthIndicator.class);
				assertThat(client.state()).isEqualTo(ConnectionState.CONNECTING);
				assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
				EntryPoint entryPoint = context.getBean(EntryPoint.class);
				entryPoint.emit("order", "o-1");
				entryPoint.emit("order", "o-2");
				entryPoint.emit("order", "o-3");
				assertThat(client.stats().dropped()).containsEntry(DropReason.QUEUE_FULL, 1L);

				this.broker = new DEventBus("127.0.0.1", this.port);

				await().until(() -> client.state() == ConnectionState.CONNECTED);
				assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
				Orders orders = context.getBean(Orders.class);
				await().until(() -> orders.received.size() == 2);
				assertThat(orders.received).containsExactly("o-1", "o-2");
			});
	}

	@Test
	void stopPausesDeliveryAndStartResumesItAfterTheClientReconnected() {
		this.broker = new DEventBus("127.0.0.1", this.port);
		this.runner.run((context) -> {
			DEntryPoint client = context.getBean(DEntryPoint.class);
			Orders orders = context.getBean(Orders.class);
			try (DEntryPoint other = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(10)))) {
				other.connect("127.0.0.1", this.port);
				other.emit("order", "before stop");
				await().until(() -> orders.received.size() == 1);

				context.stop();
				other.emit("order", "while stopped");
				context.getBean(EntryPoint.class).emit("order", "own, while stopped");
				this.broker.close();
				this.broker = new DEventBus("127.0.0.1", this.port);
				await().until(() -> client.state() == ConnectionState.CONNECTED && client.stats().reconnects() == 1
						&& other.state() == ConnectionState.CONNECTED);
				context.start();
				other.emit("order", "after start");

				// "after start" comes after the others from the same publisher: had they been delivered,
				// they would be here first
				await().until(() -> orders.received.size() >= 2);
				assertThat(orders.received).containsExactly("before stop", "after start");
				assertThat(client.isDeliveryPaused()).isFalse();
			}
		});
	}

	/** @return the first of four consecutive ports a broker was just able to bind, now free again */
	private static int unusedBrokerPort() {
		try (DEventBus probe = new DEventBus()) {
			return probe.port();
		}
	}

	static class Orders {

		final List<String> received = new CopyOnWriteArrayList<>();

		@EventHandler("order")
		void onOrder(String order) {
			this.received.add(order);
		}
	}
}
