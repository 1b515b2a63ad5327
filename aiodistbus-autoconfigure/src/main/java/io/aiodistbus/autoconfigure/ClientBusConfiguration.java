package io.aiodistbus.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.ClientSecurity;
import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.spring.HandlerRegistry;

/**
 * 'client' mode: the application's entry point is a {@link DEntryPoint} that connects to the
 * configured broker once its handlers are registered. Start-up fails if the broker does not answer
 * within {@code aiodistbus.client.connect-timeout}, unless {@code aiodistbus.client.fail-fast} is off:
 * then the client connects in the background. The broker's address and keys come from the
 * {@link AiodistbusConnectionDetails} bean, by default the properties'.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBusMode(AiodistbusProperties.Mode.CLIENT)
class ClientBusConfiguration {

	@Bean
	@ConditionalOnMissingBean(AiodistbusConnectionDetails.class)
	PropertiesAiodistbusConnectionDetails aiodistbusConnectionDetails(AiodistbusProperties properties) {
		return new PropertiesAiodistbusConnectionDetails(properties);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(EntryPoint.class)
	DEntryPoint aiodistbusEntryPoint(AiodistbusProperties properties, AiodistbusConnectionDetails connectionDetails,
			PayloadCodec codec, ObjectProvider<ClientOptionsCustomizer> customizers, EntryPointConfigurer configurer) {
		return configurer.configure(new DEntryPoint(
				clientOptions(properties.getClient(), connectionDetails.security(), customizers), codec));
	}

	@Bean
	@ConditionalOnMissingBean
	EntryPointLifecycle aiodistbusEntryPointLifecycle(EntryPoint entryPoint, HandlerRegistry registry,
			AiodistbusProperties properties, AiodistbusConnectionDetails connectionDetails) {
		return new EntryPointLifecycle(entryPoint, registry, properties.getNamespaces(), properties.isAutoStartup(),
				() -> connect(entryPoint, properties.getClient(), connectionDetails),
				properties.getClient().getShutdownTimeout(), null);
	}

	/**
	 * Builds the client's options from the properties; the customizers come last, so that what they
	 * set wins over the properties, security included.
	 * @param client the client properties
	 * @param security CurveZMQ from the {@code aiodistbus.security.*} properties, {@code null} for none
	 * @param customizers the application's adjustments
	 * @return the options of a client configured by them
	 */
	static ClientOptions clientOptions(AiodistbusProperties.Client client, ClientSecurity security,
			ObjectProvider<ClientOptionsCustomizer> customizers) {
		ClientOptions options = ClientOptions.builder()
			.connectTimeout(client.getConnectTimeout())
			.pulseCheckInterval(client.getPulseTtl())
			.pulseLimit(client.getPulseLimit())
			.reconnect(client.isReconnect())
			.inboundCapacity(client.getInboundCapacity())
			.overflowPolicy(client.getOverflowPolicy())
			.wireFormat(client.getWireFormat())
			.inlineDispatch(client.isInlineDispatch())
			.pushHighWaterMark(client.getPushHighWaterMark())
			.sendTimeout(client.getSendTimeout())
			.closeFlushTimeout(client.getCloseFlushTimeout())
			.maxMessageSize(client.getMaxMessageSize().toBytes())
			.security(security)
			.build();
		for (ClientOptionsCustomizer customizer : customizers.orderedStream().toList()) {
			options = customizer.customize(options);
		}
		return options;
	}

	/**
	 * Connects the application's entry point to the broker the connection details name, as the client
	 * properties say: waiting for the broker (failing start-up after the connect timeout), or, with
	 * {@code fail-fast} off, in the background.
	 * @param entryPoint the application's entry point
	 * @param client the client properties
	 * @param details the broker's address
	 */
	static void connect(EntryPoint entryPoint, AiodistbusProperties.Client client, AiodistbusConnectionDetails details) {
		if (client.isFailFast()) {
			connect(entryPoint, details.host(), details.port());
		}
		else if (entryPoint instanceof DEntryPoint created && created.state() == ConnectionState.NEW) {
			created.connectInBackground(details.host(), details.port(), client.getPendingEmitLimit());
		}
	}

	/**
	 * Connects the application's entry point if it is a client not yet connected; an entry point the
	 * application defined and connected itself is left as it is.
	 * @param entryPoint the application's entry point
	 * @param host the broker's address
	 * @param port the broker's handshake port
	 */
	static void connect(EntryPoint entryPoint, String host, int port) {
		if (entryPoint instanceof DEntryPoint client && client.state() == ConnectionState.NEW) {
			client.connect(host, port);
		}
	}

}
