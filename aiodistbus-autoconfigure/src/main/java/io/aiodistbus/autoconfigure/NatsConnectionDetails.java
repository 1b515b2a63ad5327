package io.aiodistbus.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

import io.aiodistbus.nats.NatsCredentials;

/**
 * Where the application's bus on NATS is and how it signs in, in 'nats' mode. By default from the
 * {@code aiodistbus.nats.*} properties; a bean of this type (from a Testcontainers service connection,
 * or the application's own) replaces them.
 */
public interface NatsConnectionDetails extends ConnectionDetails {

	/** @return the server URLs, at least one */
	List<String> getServers();

	/** @return the credentials, or {@code null} for none */
	default NatsCredentials getCredentials() {
		return null;
	}

}
