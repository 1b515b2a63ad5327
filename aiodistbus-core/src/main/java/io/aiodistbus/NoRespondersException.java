package io.aiodistbus;

/**
 * Completes a {@link EntryPoint#request request} whose type nobody subscribes to: on the local bus at
 * once, on the distributed bus when the broker answers that no subscription matches the type. A
 * subscriber that does not reply shows as a {@link RequestTimeoutException} instead.
 */
public class NoRespondersException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String type;

	/**
	 * @param type the request's type
	 */
	public NoRespondersException(String type) {
		super("No handler subscribes to '" + type + "', so nobody can answer the request");
		this.type = type;
	}

	/** @return the request's type */
	public String type() {
		return this.type;
	}
}
