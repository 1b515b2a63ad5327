package io.aiodistbus.test.spring;

import java.util.List;

import io.aiodistbus.autoconfigure.NatsConnectionDetails;
import io.aiodistbus.test.EmbeddedNatsServer;

/**
 * The URL of an {@link EmbeddedNatsServer}; no credentials, as the server asks for none.
 */
final class EmbeddedNatsServerConnectionDetails implements NatsConnectionDetails {

	private final EmbeddedNatsServer server;

	EmbeddedNatsServerConnectionDetails(EmbeddedNatsServer server) {
		this.server = server;
	}

	@Override
	public List<String> getServers() {
		return List.of(this.server.url());
	}

	@Override
	public String toString() {
		return "NatsConnectionDetails of " + this.server;
	}

}
