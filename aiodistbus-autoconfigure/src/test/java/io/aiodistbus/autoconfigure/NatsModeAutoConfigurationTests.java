package io.aiodistbus.autoconfigure;

import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.health.AiodistbusHealthContributorAutoConfiguration;
import io.aiodistbus.autoconfigure.metrics.AiodistbusMetricsAutoConfiguration;
import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.nats.NatsConnectException;
import io.aiodistbus.nats.NatsCredentials;
import io.aiodistbus.nats.NatsEntryPoint;
import io.aiodistbus.nats.NatsOptions;
import io.aiodistbus.nats.NatsServerProcess;
import io.aiodistbus.spring.metrics.AiodistbusMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 'nats' mode against a real nats-server (with a user and password, so that the credentials are shown
 * to reach it): the entry point, its handlers, connection details, health and meters.
 */
class NatsModeAutoConfigurationTests {

	private static NatsServerProcess server;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class,
				AiodistbusNatsAutoConfiguration.class, AiodistbusHealthContributorAutoConfiguration.class,
				AiodistbusMetricsAutoConfiguration.class))
		.withPropertyValues("aiodistbus.mode=nats", "aiodistbus.nats.servers=" + server.url(),
				"aiodistbus.nats.user=app", "aiodistbus.nats.password=s3cret", "aiodistbus.nats.subject-prefix=spring",
				"aiodistbus.nats.connect-timeout=5s", "spring.application.name=orders");

	@BeforeAll
	static void startServer() {
		server = NatsServerProcess.start("--user", "app", "--pass", "s3cret");
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void entryPointShouldConnectAndHandlersReceiveFromOtherServices() {
		this.runner.withBean(Handlers.class).run((context) -> {
			assertThat(context).doesNotHaveBean(DEventBus.class);
			NatsEntryPoint entryPoint = (NatsEntryPoint) context.getBean(EntryPoint.class);
			assertThat(entryPoint.state()).isEqualTo(ConnectionState.CONNECTED);
			assertThat(entryPoint.options().subjectPrefix()).isEqualTo("spring");
			assertThat(entryPoint.options().connectionName()).isEqualTo("orders");
			try (NatsEntryPoint other = new NatsEntryPoint(NatsOptions.builder()
				.servers(server.url())
				.subjectPrefix("spring")
				.credentials(NatsCredentials.userPassword("app", "s3cret"))
				.build())) {
				other.connect();
				other.emit(new ChatMessage("bob", "hi"));
				Handlers handlers = context.getBean(Handlers.class);
				await().untilAsserted(() -> assertThat(handlers.payloads).containsExactly(new ChatMessage("bob", "hi")));
			}
		});
	}

	@Test
	void stoppingTheContextShouldPauseDeliveryAndStartingResumeIt() {
		this.runner.run((context) -> {
			NatsEntryPoint entryPoint = (NatsEntryPoint) context.getBean(EntryPoint.class);
			context.stop();
			assertThat(entryPoint.isDeliveryPaused()).isTrue();
			assertThat(entryPoint.isClosed()).isFalse();
			context.start();
			assertThat(entryPoint.isDeliveryPaused()).isFalse();
		});
	}

	@Test
	void healthAndMetersShouldBeTheConnection() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			Health health = context.getBean("aiodistbusHealthIndicator", HealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("mode", "nats")
				.containsEntry("server", server.url())
				.containsEntry("subjectPrefix", "spring")
				.containsKeys("reconnects", "lost", "outOfOrder", "epochs", "slowConsumers", "dropped");
			assertThat(context).getBeans(AiodistbusMetrics.class).hasSize(1);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(AiodistbusMetrics.class).bindTo(registry);
			context.getBean(EntryPoint.class).emit("metered", "x");
			assertThat(registry.get("aiodistbus.events.emitted").counter().count()).isEqualTo(1);
			assertThat(registry.get("aiodistbus.events.dropped").tags("component", "client", "reason", "payload")
				.functionCounter()
				.count()).isZero();
			assertThat(registry.get("aiodistbus.nats.reconnects").functionCounter().count()).isZero();
			assertThat(registry.get("aiodistbus.events.lost").functionCounter().count()).isZero();
		});
	}

	@Test
	void connectionDetailsBeanShouldReplaceTheProperties() {
		this.runner.withPropertyValues("aiodistbus.nats.servers=nats://127.0.0.1:1", "aiodistbus.nats.user=",
				"aiodistbus.nats.password=")
			.withBean(NatsConnectionDetails.class, () -> new NatsConnectionDetails() {
				@Override
				public List<String> getServers() {
					return List.of(server.url());
				}

				@Override
				public NatsCredentials getCredentials() {
					return NatsCredentials.userPassword("app", "s3cret");
				}
			})
			.run((context) -> assertThat(((NatsEntryPoint) context.getBean(EntryPoint.class)).state())
				.isEqualTo(ConnectionState.CONNECTED));
	}

	@Test
	void wrongCredentialsShouldFailStartUp() {
		this.runner.withPropertyValues("aiodistbus.nats.password=wrong", "aiodistbus.nats.reconnect=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining(NatsConnectException.class.getName())
				.hasStackTraceContaining("127.0.0.1:" + server.port()));
	}

	@Test
	void twoKindsOfCredentialsShouldFailStartUpNamingThem() {
		this.runner.withPropertyValues("aiodistbus.nats.token=t")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Set only one of aiodistbus.nats.user"));
	}

	@Test
	void optionsShouldComeFromTheProperties() {
		this.runner.withPropertyValues("aiodistbus.nats.reconnect=false", "aiodistbus.nats.inbound-capacity=7",
				"aiodistbus.nats.connection-name=named")
			.run((context) -> assertThat(((NatsEntryPoint) context.getBean(EntryPoint.class)).options())
				.satisfies((options) -> {
					assertThat(options.reconnect()).isFalse();
					assertThat(options.inboundCapacity()).isEqualTo(7);
					assertThat(options.connectionName()).isEqualTo("named");
					assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
					assertThat(options.credentials()).hasToString("NatsCredentials[user app]");
				}));
	}

	@Test
	void optionsCustomizersShouldApplyInOrderAfterTheProperties() throws NoSuchAlgorithmException {
		SSLContext tls = SSLContext.getDefault();
		this.runner.withPropertyValues("aiodistbus.auto-startup=false", "aiodistbus.nats.inbound-capacity=7")
			.withUserConfiguration(OptionsCustomizers.class)
			.run((context) -> assertThat(((NatsEntryPoint) context.getBean(EntryPoint.class)).options())
				.satisfies((options) -> {
					assertThat(options.sslContext()).isSameAs(tls);
					assertThat(options.inboundCapacity()).isEqualTo(14);
					assertThat(options.connectionName()).isEqualTo("orders, tls, doubled");
				}));
	}

	@Configuration(proxyBeanMethods = false)
	static class OptionsCustomizers {

		@Bean
		@Order(2)
		NatsOptionsCustomizer doubleInboundCapacity() {
			return (options) -> options.toBuilder()
				.inboundCapacity(2 * options.inboundCapacity())
				.connectionName(options.connectionName() + ", doubled")
				.build();
		}

		@Bean
		@Order(1)
		NatsOptionsCustomizer tlsFromKeyStore() throws NoSuchAlgorithmException {
			SSLContext tls = SSLContext.getDefault();
			return (options) -> options.toBuilder()
				.sslContext(tls)
				.connectionName(options.connectionName() + ", tls")
				.build();
		}

	}

}
