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
		this(endpoint, timeout, stage, false);
	}

	/**
	 * @param endpoint the broker address, {@code host:port}
	 * @param timeout how long the client waited
	 * @param stage what was still missing
	 * @param curve whether the client was configured with CURVE keys, which makes authentication the
	 * likely cause
	 */
	public ConnectTimeoutException(String endpoint, Duration timeout, String stage, boolean curve) {
		super("No connection to the aiodistbus broker at " + endpoint + " within " + timeout.toMillis() + " ms ("
				+ stage + "). " + hint(curve));
		this.endpoint = endpoint;
	}

	private static String hint(boolean curve) {
		if (curve) {
			return "This client uses CURVE, so authentication is the likely cause: check that the broker's "
					+ "allow-list holds this client's public key and that the broker public key given to the client "
					+ "is the broker's (the broker logs each refused key); otherwise check that a broker runs there "
					+ "with CURVE on.";
		}
		return "Check that a broker runs there; if it requires CURVE authentication, give the client its keys "
				+ "(ClientOptions.withSecurity).";
	}

	/** @return the broker address, {@code host:port} */
	public String endpoint() {
		return this.endpoint;
	}
}
