package io.aiodistbus.autoconfigure;

import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.spring.HandlerRegistry;

/**
 * 'broker' mode: an embedded {@link DEventBus} that other services connect to, and the application's
 * entry point a {@link DEntryPoint} connected to it over loopback.
 * <p>
 * Why a client and not a local entry point on a bus the broker forwards to: the broker relays every
 * event to every subscribed client, the sender included. With the application as one client among
 * others, each event (the application's own and the remote ones) reaches the application's handlers
 * exactly once and every remote client exactly once, and the application's code sees the same
 * semantics in 'broker' and 'client' mode. A local bus would receive the application's own emits twice
 * (once locally, once relayed back) unless events were de-duplicated by id.
 * <p>
 * The broker binds its ports when its bean is created, so it serves before the application's client
 * connects (at the start of the {@link EntryPointLifecycle}). On shutdown the client stops delivering
 * to the handlers in that lifecycle's stop, before the web server drains, and keeps emitting; it
 * closes when its bean is destroyed, and the broker after it.
 * <p>
 * With {@code aiodistbus.security.enabled}, the broker and the in-app client both use the
 * application's key pair, and the broker lets that key in besides the configured client keys.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBusMode(AiodistbusProperties.Mode.BROKER)
class BrokerBusConfiguration {

	// Addresses that bind every interface; the in-app client reaches the broker on loopback instead.
	private static final Set<String> ANY_ADDRESS = Set.of("*", "0.0.0.0", "::", "[::]");

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	DEventBus aiodistbusBroker(AiodistbusProperties properties, PayloadCodec codec,
			ObjectProvider<BrokerOptionsCustomizer> customizers) {
		return new DEventBus(brokerOptions(properties, customizers), codec);
	}

	// Takes the broker so that the client depends on it and is destroyed before it.
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(EntryPoint.class)
	DEntryPoint aiodistbusEntryPoint(DEventBus broker, AiodistbusProperties properties, PayloadCodec codec,
			ObjectProvider<ClientOptionsCustomizer> customizers, EntryPointConfigurer configurer) {
		return configurer.configure(new DEntryPoint(ClientBusConfiguration.clientOptions(properties.getClient(),
				BusSecurity.inAppClient(properties.getSecurity()), customizers), codec));
	}

	/**
	 * Builds the broker's options from the properties; the customizers come last, so that what they
	 * set wins over the properties, security included.
	 * @param properties the properties
	 * @param customizers the application's adjustments
	 * @return the options of a broker configured by them
	 */
	static BrokerOptions brokerOptions(AiodistbusProperties properties,
			ObjectProvider<BrokerOptionsCustomizer> customizers) {
		AiodistbusProperties.Broker broker = properties.getBroker();
		BrokerOptions options = BrokerOptions.builder()
			.host(broker.getHost())
			.port(broker.getPort())
			.pulse(broker.getPulse())
			.publishHighWaterMark(broker.getPublishHighWaterMark())
			.maxMessageSize(broker.getMaxMessageSize().toBytes())
			.security(BusSecurity.broker(properties.getSecurity()))
			.build();
		for (BrokerOptionsCustomizer customizer : customizers.orderedStream().toList()) {
			options = customizer.customize(options);
		}
		return options;
	}

	@Bean
	@ConditionalOnMissingBean
	EntryPointLifecycle aiodistbusEntryPointLifecycle(EntryPoint entryPoint, DEventBus broker,
			HandlerRegistry registry, AiodistbusProperties properties) {
		String host = ANY_ADDRESS.contains(broker.host()) ? "127.0.0.1" : broker.host();
		return new EntryPointLifecycle(entryPoint, registry, properties.getNamespaces(), properties.isAutoStartup(),
				() -> ClientBusConfiguration.connect(entryPoint, host, broker.port()),
				properties.getClient().getShutdownTimeout(),
				"aiodistbus in 'broker' mode: an embedded broker on " + broker.host() + ":" + broker.port()
						+ " (handshake), " + (broker.port() + 1) + " (publish), " + (broker.port() + 2)
						+ " (collect), " + (broker.port() + 3) + " (native publish), the application a client of it");
	}

}
