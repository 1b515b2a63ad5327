package io.aiodistbus.spring.health;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health indicators on their own, as an application that defines its own entry point or broker
 * beans would use them.
 */
class HealthIndicatorsTests {

	@Test
	void anEntryPointIsUpUntilClosed() {
		try (EventBus bus = new EventBus()) {
			LocalEntryPoint entryPoint = bus.entryPoint();
			HealthIndicator indicator = new EntryPointHealthIndicator(entryPoint);
			assertThat(health(indicator).getStatus()).isEqualTo(Status.UP);
			assertThat(health(indicator).getDetails()).containsEntry("mode", "local")
				.containsEntry("entryPoint", entryPoint.id());
			entryPoint.close();
			assertThat(health(indicator).getStatus()).isEqualTo(Status.DOWN);
		}
	}

	@Test
	void aBrokerIsUpUntilClosed() {
		DEventBus broker = new DEventBus();
		HealthIndicator indicator = new BrokerHealthIndicator(broker);
		assertThat(health(indicator).getStatus()).isEqualTo(Status.UP);
		assertThat(health(indicator).getDetails()).containsEntry("mode", "broker")
			.containsEntry("port", broker.port())
			.containsEntry("dropped", Map.of());
		broker.close();
		assertThat(health(indicator).getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void aClientIsUnknownBeforeItConnectsAndUpOnceConnected() {
		try (DEventBus broker = new DEventBus(); DEntryPoint client = new DEntryPoint()) {
			HealthIndicator indicator = new ClientHealthIndicator(client);
			assertThat(health(indicator).getStatus()).isEqualTo(Status.UNKNOWN);
			client.connect("127.0.0.1", broker.port());
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(health(indicator).getStatus()).isEqualTo(Status.UP));
			assertThat(health(indicator).getDetails()).containsEntry("mode", "client")
				.containsEntry("broker", "127.0.0.1:" + broker.port());
		}
	}

	private static Health health(HealthIndicator indicator) {
		return indicator.health(true);
	}

}
