package io.aiodistbus;

import java.time.Duration;

/**
 * Completes a {@link EntryPoint#request request} that got no reply within its timeout: a responder that
 * did not answer (or failed, or was too slow), or a reply lost on the way.
 */
public class RequestTimeoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String type;

	private final Duration timeout;

	/**
	 * @param type the request's type
	 * @param timeout how long it waited
	 */
	public RequestTimeoutException(String type, Duration timeout) {
		super("No reply to the request '" + type + "' within " + timeout.toMillis() + " ms");
		this.type = type;
		this.timeout = timeout;
	}

	/** @return the request's type */
	public String type() {
		return this.type;
	}

	/** @return how long the request waited */
	public Duration timeout() {
		return this.timeout;
	}
}
