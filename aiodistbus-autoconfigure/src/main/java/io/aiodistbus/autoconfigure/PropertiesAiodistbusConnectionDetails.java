package io.aiodistbus.autoconfigure;

import io.aiodistbus.distributed.ClientSecurity;

/**
 * The connection details the application configured: {@code aiodistbus.client.host} and {@code port},
 * and the keys of {@code aiodistbus.security.*}, read when asked for, so that a malformed key fails
 * start-up naming its property only where the details are used.
 */
final class PropertiesAiodistbusConnectionDetails implements AiodistbusConnectionDetails {

	private final AiodistbusProperties properties;

	PropertiesAiodistbusConnectionDetails(AiodistbusProperties properties) {
		this.properties = properties;
	}

	@Override
	public String host() {
		return this.properties.getClient().getHost();
	}

	@Override
	public int port() {
		return this.properties.getClient().getPort();
	}

	@Override
	public ClientSecurity security() {
		return BusSecurity.client(this.properties.getSecurity());
	}

}
