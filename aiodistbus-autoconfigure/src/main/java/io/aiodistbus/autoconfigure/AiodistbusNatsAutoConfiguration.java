package io.aiodistbus.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.nats.NatsEntryPoint;
import io.aiodistbus.nats.NatsOptions;
import io.aiodistbus.spring.HandlerRegistry;
import io.aiodistbus.spring.health.EntryPointHealthIndicator;
import io.aiodistbus.spring.health.NatsHealthIndicator;
import io.aiodistbus.spring.metrics.NatsMetrics;

/**
 * 'nats' mode: the application's entry point is a {@link NatsEntryPoint} on the servers of
 * {@link NatsConnectionDetails} (by default {@code aiodistbus.nats.*}), connected once its handlers are
 * registered; start-up fails if no server answers within {@code aiodistbus.nats.connect-timeout}, unless
 * {@code aiodistbus.nats.fail-fast} is off: then it connects in the background. Its options come from the
 * properties and connection details, then from the application's {@link NatsOptionsCustomizer}s. As a
 * client's, it is observed by the application's observers, its failed handlers retried and
 * dead-lettered by the application's error handler, its emits and handler calls traced by the
 * application's instrumentation, and with Actuator it has a client's health and meters. Needs
 * {@code aiodistbus-nats} on the class path.
 */
@AutoConfiguration(after = AiodistbusAutoConfiguration.class,
		beforeName = { "io.aiodistbus.autoconfigure.health.AiodistbusHealthContributorAutoConfiguration",
				"io.aiodistbus.autoconfigure.metrics.AiodistbusMetricsAutoConfiguration" })
@ConditionalOnClass(NatsEntryPoint.class)
@ConditionalOnBusMode(AiodistbusProperties.Mode.NATS)
@EnableConfigurationProperties(AiodistbusNatsProperties.class)
public final class AiodistbusNatsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NatsConnectionDetails aiodistbusNatsConnectionDetails(AiodistbusNatsProperties properties) {
		return new PropertiesNatsConnectionDetails(properties);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(EntryPoint.class)
	NatsEntryPoint aiodistbusEntryPoint(AiodistbusNatsProperties properties, NatsConnectionDetails connection,
			PayloadCodec codec, ObjectProvider<NatsOptionsCustomizer> customizers, EntryPointConfigurer configurer,
			Environment environment) {
		return configurer.configure(
				new NatsEntryPoint(natsOptions(properties, connection, environment, customizers), codec));
	}

	@Bean
	@ConditionalOnMissingBean
	EntryPointLifecycle aiodistbusEntryPointLifecycle(EntryPoint entryPoint, HandlerRegistry registry,
			AiodistbusProperties properties, AiodistbusNatsProperties natsProperties) {
		return new EntryPointLifecycle(entryPoint, registry, properties.getNamespaces(), properties.isAutoStartup(),
				() -> connect(entryPoint, natsProperties), properties.getClient().getShutdownTimeout(), null);
	}

	@Bean
	@ConditionalOnMissingBean
	NatsDeliveryLifecycle aiodistbusNatsDeliveryLifecycle(EntryPoint entryPoint, AiodistbusProperties properties) {
		return new NatsDeliveryLifecycle(entryPoint, properties.getClient().getShutdownTimeout());
	}

	/**
	 * Builds the entry point's options from the properties; the customizers come last, so that what they
	 * set wins over the properties and the connection details.
	 * @param properties the {@code aiodistbus.nats.*} properties
	 * @param connection where the servers are and how to sign in
	 * @param environment for {@code spring.application.name}, the default connection name
	 * @param customizers the application's adjustments
	 * @return the entry point's options
	 */
	static NatsOptions natsOptions(AiodistbusNatsProperties properties, NatsConnectionDetails connection,
			Environment environment, ObjectProvider<NatsOptionsCustomizer> customizers) {
		String name = (properties.getConnectionName() != null) ? properties.getConnectionName()
				: environment.getProperty("spring.application.name");
		NatsOptions options = NatsOptions.builder()
			.servers(connection.getServers())
			.credentials(connection.getCredentials())
			.subjectPrefix(properties.getSubjectPrefix())
			.connectionName(name)
			.connectTimeout(properties.getConnectTimeout())
			.reconnect(properties.isReconnect())
			.reconnectWait(properties.getReconnectWait())
			.inboundCapacity(properties.getInboundCapacity())
			.closeFlushTimeout(properties.getCloseFlushTimeout())
			.build();
		for (NatsOptionsCustomizer customizer : customizers.orderedStream().toList()) {
			options = customizer.customize(options);
		}
		return options;
	}

	/**
	 * Connects the application's entry point if it is a NATS one not yet connected, as the properties say:
	 * waiting for a server (failing start-up after the connect timeout), or, with {@code fail-fast} off, in
	 * the background.
	 */
	static void connect(EntryPoint entryPoint, AiodistbusNatsProperties properties) {
		if (entryPoint instanceof NatsEntryPoint nats && nats.state() == ConnectionState.NEW) {
			if (properties.isFailFast()) {
				nats.connect();
			}
			else {
				nats.connectInBackground(properties.getPendingEmitLimit());
			}
		}
	}

	/**
	 * Its health, in place of the generic indicator (which backs off on the name); an entry point the
	 * application defined itself gets the generic one.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnEnabledHealthIndicator("aiodistbus")
	static class NatsHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "aiodistbusHealthIndicator")
		HealthIndicator aiodistbusHealthIndicator(EntryPoint entryPoint) {
			return (entryPoint instanceof NatsEntryPoint nats) ? new NatsHealthIndicator(nats)
					: new EntryPointHealthIndicator(entryPoint);
		}

	}

	/** Its meters, in place of the generic binder (which backs off on the type). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static class NatsMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NatsMetrics aiodistbusMetrics(EntryPoint entryPoint) {
			return new NatsMetrics(entryPoint);
		}

	}

}
