package io.aiodistbus;

/**
 * The headers a dead letter carries besides the failed event's own (its trace context, say), as
 * {@link ErrorAction#deadLetter(String)} emits it. The payload is the failed event's payload.
 */
public final class DeadLetterHeaders {

	/** The type the event had when its handler failed, such as {@code orders.created}. */
	public static final String ORIGINAL_TYPE = "aiodistbus-dlt-original-type";

	/** The id of the event whose handler failed; the dead letter has an id of its own. */
	public static final String ORIGINAL_ID = "aiodistbus-dlt-original-id";

	/** The fully qualified class name of the exception of the last attempt. */
	public static final String EXCEPTION = "aiodistbus-dlt-exception";

	/** The message of that exception, at most {@value #MAX_MESSAGE_LENGTH} characters; empty for none. */
	public static final String EXCEPTION_MESSAGE = "aiodistbus-dlt-exception-message";

	/** How many times the handler was called, as decimal text. */
	public static final String ATTEMPTS = "aiodistbus-dlt-attempts";

	/** The handler that failed, as logs name it. */
	public static final String HANDLER = "aiodistbus-dlt-handler";

	/** Exception messages are cut to this length, so that a dead letter stays a small frame. */
	public static final int MAX_MESSAGE_LENGTH = 1024;

	private DeadLetterHeaders() {
	}
}
