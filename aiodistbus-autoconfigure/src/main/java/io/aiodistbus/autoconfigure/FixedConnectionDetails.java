package io.aiodistbus.autoconfigure;

import java.util.Objects;

import io.aiodistbus.distributed.ClientSecurity;

/**
 * Connection details of given values ({@link AiodistbusConnectionDetails#of}).
 */
record FixedConnectionDetails(String host, int port, ClientSecurity security) implements AiodistbusConnectionDetails {

	FixedConnectionDetails {
		Objects.requireNonNull(host, "host must not be null");
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port must be from 1 to 65535, was " + port);
		}
	}

	// The secret key stays out of logs and failure messages.
	@Override
	public String toString() {
		return "AiodistbusConnectionDetails[" + this.host + ":" + this.port + ((this.security != null) ? ", CURVE]" : "]");
	}

}
