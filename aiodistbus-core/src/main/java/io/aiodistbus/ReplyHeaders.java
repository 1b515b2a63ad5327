package io.aiodistbus;

/**
 * The headers of request/reply ({@link EntryPoint#request}, {@link EntryPoint#reply}).
 */
public final class ReplyHeaders {

	/** On a request: the type its reply goes to, unique per request. */
	public static final String REPLY_TO = "reply-to";

	/** On a reply the bus made itself: why there is no answer ({@link #NO_RESPONDERS}). */
	public static final String STATUS = "aiodistbus-status";

	/** {@link #STATUS} of the broker's answer to a request that no subscription matched. */
	public static final String NO_RESPONDERS = "no-responders";

	private ReplyHeaders() {
	}
}
