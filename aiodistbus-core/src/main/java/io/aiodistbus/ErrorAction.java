package io.aiodistbus;

import java.time.Duration;
import java.util.Objects;

import io.aiodistbus.internal.topic.TopicPattern;

/**
 * What a {@link BusErrorHandler} decided about a failed handler: log it, retry it after a delay, or
 * send the event to a dead-letter type. Immutable.
 */
public final class ErrorAction {

	/** The kinds of decision. */
	public enum Kind {

		/** Log the failure and give up. */
		LOG,

		/** Call the handler again with the same event after {@link ErrorAction#delay()}. */
		RETRY,

		/** Give up and emit the payload under {@link ErrorAction#deadLetterType()}. */
		DEAD_LETTER
	}

	private static final ErrorAction LOG = new ErrorAction(Kind.LOG, Duration.ZERO, null);

	private final Kind kind;

	private final Duration delay;

	private final String deadLetterType;

	private ErrorAction(Kind kind, Duration delay, String deadLetterType) {
		this.kind = kind;
		this.delay = delay;
		this.deadLetterType = deadLetterType;
	}

	/** @return log the failure (at ERROR, with the event type, id and handler) and give up */
	public static ErrorAction log() {
		return LOG;
	}

	/**
	 * @param delay how long to wait before the next attempt; zero for at once (still on another thread)
	 * @return call the handler again with the same event after the delay
	 * @throws IllegalArgumentException if the delay is negative
	 */
	public static ErrorAction retryAfter(Duration delay) {
		Objects.requireNonNull(delay, "delay must not be null");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative, was " + delay);
		}
		return new ErrorAction(Kind.RETRY, delay, null);
	}

	/**
	 * @param type the dead-letter event type, such as {@code orders.created.dlt}
	 * @return give up and emit the event's payload and headers under that type, through the entry point
	 * of the failed handler, with the {@link DeadLetterHeaders} added
	 * @throws IllegalArgumentException if the type is not a valid event type (a pattern, say)
	 */
	public static ErrorAction deadLetter(String type) {
		Objects.requireNonNull(type, "type must not be null");
		if (TopicPattern.parse(type).isWildcard()) {
			throw new IllegalArgumentException("A dead-letter type must be an event type, not a pattern: '" + type + "'");
		}
		return new ErrorAction(Kind.DEAD_LETTER, Duration.ZERO, type);
	}

	/** @return the kind of decision */
	public Kind kind() {
		return this.kind;
	}

	/** @return the delay before a retry; zero for the other kinds */
	public Duration delay() {
		return this.delay;
	}

	/** @return the dead-letter type, {@code null} unless the kind is {@link Kind#DEAD_LETTER} */
	public String deadLetterType() {
		return this.deadLetterType;
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case LOG -> "log";
			case RETRY -> "retry after " + this.delay.toMillis() + " ms";
			case DEAD_LETTER -> "dead-letter to '" + this.deadLetterType + "'";
		};
	}
}
