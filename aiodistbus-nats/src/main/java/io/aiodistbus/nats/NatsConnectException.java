package io.aiodistbus.nats;

import java.time.Duration;
import java.util.List;

/**
 * Thrown by {@link NatsEntryPoint#connect()} when no server of the options accepted the connection: none
 * listening, refused credentials, or a TLS mismatch; the cause says which.
 */
public class NatsConnectException extends RuntimeException {

	private final List<String> servers;

	private final Duration connectTimeout;

	/**
	 * @param servers the servers tried
	 * @param timeout the connect timeout per server
	 * @param cause jnats's failure
	 */
	public NatsConnectException(List<String> servers, Duration timeout, Throwable cause) {
		super("No connection to a NATS server of " + servers + " within " + timeout.toMillis() + " ms: "
				+ cause.getMessage() + ". Start a server there, or fix aiodistbus.nats.servers, the credentials "
				+ "or the TLS settings", cause);
		this.servers = List.copyOf(servers);
		this.connectTimeout = timeout;
	}

	/** @return the servers tried */
	public List<String> servers() {
		return this.servers;
	}

	/** @return how long each server was given to answer */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}
}
