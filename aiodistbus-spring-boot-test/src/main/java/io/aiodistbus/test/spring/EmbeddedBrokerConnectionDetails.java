package io.aiodistbus.test.spring;

import io.aiodistbus.autoconfigure.AiodistbusConnectionDetails;
import io.aiodistbus.distributed.ClientSecurity;
import io.aiodistbus.test.EmbeddedBroker;

/**
 * The address and client keys of an {@link EmbeddedBroker}.
 */
final class EmbeddedBrokerConnectionDetails implements AiodistbusConnectionDetails {

	private final EmbeddedBroker broker;

	EmbeddedBrokerConnectionDetails(EmbeddedBroker broker) {
		this.broker = broker;
	}

	@Override
	public String host() {
		return this.broker.host();
	}

	@Override
	public int port() {
		return this.broker.port();
	}

	@Override
	public ClientSecurity security() {
		return this.broker.clientSecurity();
	}

	@Override
	public String toString() {
		return "AiodistbusConnectionDetails of " + this.broker;
	}

}
