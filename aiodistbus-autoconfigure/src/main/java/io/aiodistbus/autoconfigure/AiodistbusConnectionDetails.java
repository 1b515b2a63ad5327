package io.aiodistbus.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

import io.aiodistbus.distributed.ClientSecurity;

/**
 * Where the application's client finds its broker in {@code client} mode, and with which keys: the
 * details that a service connection (a test broker, a container, a platform binding) supplies instead
 * of the {@code aiodistbus.client.host}, {@code port} and {@code aiodistbus.security.*} properties, as
 * Boot's own {@code KafkaConnectionDetails} does for Kafka. Without such a bean the auto-configuration
 * defines one backed by those properties.
 * <pre class="code">
 * &#64;Bean
 * AiodistbusConnectionDetails aiodistbusConnectionDetails() {
 *     return AiodistbusConnectionDetails.of("broker.internal", 5555, ClientSecurity.curve(keys, brokerPublicKey));
 * }
 * </pre>
 * The other client settings ({@code aiodistbus.client.connect-timeout}, ...) and the
 * {@link ClientOptionsCustomizer} beans still apply; a customizer that sets security wins over
 * {@link #security()}.
 */
public interface AiodistbusConnectionDetails extends ConnectionDetails {

	/** @return the broker's address */
	String host();

	/** @return the broker's handshake port */
	int port();

	/**
	 * @return CurveZMQ keys for the connection (the client's key pair and the broker's public key), or
	 * {@code null} for a broker without CURVE
	 */
	default ClientSecurity security() {
		return null;
	}

	/**
	 * @param host the broker's address
	 * @param port the broker's handshake port
	 * @param security CurveZMQ keys, or {@code null} for none
	 * @return fixed connection details
	 */
	static AiodistbusConnectionDetails of(String host, int port, ClientSecurity security) {
		return new FixedConnectionDetails(host, port, security);
	}

}
