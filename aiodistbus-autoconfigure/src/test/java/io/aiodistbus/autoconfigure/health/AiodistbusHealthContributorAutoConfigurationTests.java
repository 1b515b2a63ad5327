package io.aiodistbus.autoconfigure.health;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.aiodistbus.autoconfigure.AiodistbusAutoConfiguration;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.spring.health.BrokerHealthIndicator;
import io.aiodistbus.spring.health.ClientHealthIndicator;
import io.aiodistbus.spring.health.EntryPointHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AiodistbusHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(AiodistbusAutoConfiguration.class, AiodistbusHealthContributorAutoConfiguration.class));

	@Test
	void runShouldCreateIndicatorThatIsUpInLocalMode() {
		this.runner.run((context) -> {
			assertThat(context).hasBean("aiodistbusHealthIndicator");
			assertThat(context.getBean("aiodistbusHealthIndicator")).isInstanceOf(EntryPointHealthIndicator.class);
			Health health = health(context.getBean("aiodistbusHealthIndicator", HealthIndicator.class));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("mode", "local").containsKey("entryPoint");
		});
	}

	@Test
	void runWhenDisabledShouldNotCreateIndicator() {
		this.runner.withPropertyValues("management.health.aiodistbus.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("aiodistbusHealthIndicator"));
	}

	@Test
	void runWithoutHealthModuleShouldNotCreateIndicator() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("aiodistbusHealthIndicator"));
	}

	@Test
	void brokerModeShouldReportBrokerDetails() {
		this.runner.withPropertyValues("aiodistbus.mode=broker", "aiodistbus.broker.port=0").run((context) -> {
			assertThat(context.getBean("aiodistbusHealthIndicator")).isInstanceOf(BrokerHealthIndicator.class);
			Health health = health(context.getBean("aiodistbusHealthIndicator", HealthIndicator.class));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("mode", "broker")
				.containsEntry("port", context.getBean(DEventBus.class).port())
				.containsEntry("dropped", Map.of())
				.containsKeys("connectedClients", "relayed", "refusedConnections");
		});
	}

	@Test
	void clientModeShouldGoDownWhenBrokerCloses() {
		DEventBus broker = new DEventBus();
		this.runner
			.withPropertyValues("aiodistbus.mode=client", "aiodistbus.client.port=" + broker.port(),
					"aiodistbus.client.reconnect=false")
			.run((context) -> {
				HealthIndicator indicator = context.getBean("aiodistbusHealthIndicator", HealthIndicator.class);
				assertThat(indicator).isInstanceOf(ClientHealthIndicator.class);
				Health health = health(indicator);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("mode", "client")
					.containsEntry("broker", "127.0.0.1:" + broker.port())
					.containsKeys("state", "lastPulseAge", "missedPulses", "reconnects", "lost", "outOfOrder", "epochs",
							"dropped");
				broker.close();
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(health(indicator).getStatus()).isEqualTo(Status.DOWN));
			});
	}

	private static Health health(HealthIndicator indicator) {
		return indicator.health(true);
	}

}
