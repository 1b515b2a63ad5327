package io.aiodistbus.distributed;

import java.time.Duration;

/**
 * Thrown by {@link DEntryPoint#connect(String, int, Duration)} when the broker did not complete the
 * handshake and the subscription proof in time.
 */
public class ConnectTimeoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String endpoint;

	/**
	 * @param endpoint the broker address, {@code host:port}
	 * @param timeout how long the client waited
	 * @param stage what was still missing
	 */
	public ConnectTimeoutException(String endpoint, Duration timeout, String stage) {
		super("No connection to the aiodistbus broker at " + endpoint + " within " + timeout.toMillis() + " ms ("
				+ stage + "). Check that a broker runs there; if it requires CURVE authentication, check the keys.");
		this.endpoint = endpoint;
	}

	/** @return the broker address, {@code host:port} */
	public String endpoint() {
		return this.endpoint;
	}
}
