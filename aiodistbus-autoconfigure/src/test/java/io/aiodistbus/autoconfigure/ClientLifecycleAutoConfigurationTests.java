package io.aiodistbus.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.spring.EventHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client's lifecycle in a Spring application, against a real broker: stopped and started with the
 * context across a broker restart. (Its start before the broker, with {@code fail-fast} off, is tested on
 * both transports, in {@link DistributedModeParityTests}.)
 */
class ClientLifecycleAutoConfigurationTests {

	private final int port = unusedBrokerPort();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class))
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
