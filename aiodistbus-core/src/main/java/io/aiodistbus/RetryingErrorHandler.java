package io.aiodistbus;

import java.util.Objects;

/**
 * The usual {@link BusErrorHandler}: retries a failed handler as a {@link RetryBackOff} says, and
 * once the attempts are used up either sends the event to the dead-letter type
 * {@code <type><suffix>} ({@code orders.created.dlt} by default) or logs it. Immutable.
 * <pre class="code">
 * entryPoint.setErrorHandler(new RetryingErrorHandler(RetryBackOff.defaults()).withDeadLetters());
 * </pre>
 */
public final class RetryingErrorHandler implements BusErrorHandler {

	/** The default suffix of dead-letter types: {@value}. */
	public static final String DEFAULT_DEAD_LETTER_SUFFIX = ".dlt";

	private final RetryBackOff backOff;

	private final String deadLetterSuffix;

	/**
	 * Retries, then logs.
	 * @param backOff how often and how soon to retry
	 */
	public RetryingErrorHandler(RetryBackOff backOff) {
		this(backOff, null);
	}

	private RetryingErrorHandler(RetryBackOff backOff, String deadLetterSuffix) {
		this.backOff = Objects.requireNonNull(backOff, "backOff must not be null");
		if (deadLetterSuffix != null && deadLetterSuffix.isEmpty()) {
			throw new IllegalArgumentException("deadLetterSuffix must not be empty: the dead letters would go "
					+ "back to the handler that failed");
		}
		this.deadLetterSuffix = deadLetterSuffix;
	}

	/** @return the retries */
	public RetryBackOff backOff() {
		return this.backOff;
	}

	/** @return the suffix of dead-letter types, {@code null} when exhausted failures are logged */
	public String deadLetterSuffix() {
		return this.deadLetterSuffix;
	}

	/**
	 * @param backOff how often and how soon to retry
	 * @return a copy that retries so
	 */
	public RetryingErrorHandler withBackOff(RetryBackOff backOff) {
		return new RetryingErrorHandler(backOff, this.deadLetterSuffix);
	}

	/** @return a copy that sends exhausted failures to {@code <type>.dlt} */
	public RetryingErrorHandler withDeadLetters() {
		return withDeadLetters(DEFAULT_DEAD_LETTER_SUFFIX);
	}

	/**
	 * @param suffix appended to the failed event's type to make the dead-letter type, such as
	 * {@code .dlt}; it must not be empty
	 * @return a copy that sends exhausted failures there
	 */
	public RetryingErrorHandler withDeadLetters(String suffix) {
		return new RetryingErrorHandler(this.backOff, Objects.requireNonNull(suffix, "suffix must not be null"));
	}

	/** @return a copy that logs exhausted failures */
	public RetryingErrorHandler withoutDeadLetters() {
		return new RetryingErrorHandler(this.backOff, null);
	}

	@Override
	public ErrorAction handle(HandlerFailure failure) {
		if (failure.attempt() < this.backOff.maxAttempts()) {
			return ErrorAction.retryAfter(this.backOff.delayAfter(failure.attempt()));
		}
		if (this.deadLetterSuffix != null) {
			return ErrorAction.deadLetter(failure.event().type() + this.deadLetterSuffix);
		}
		return ErrorAction.log();
	}

	@Override
	public String toString() {
		return "RetryingErrorHandler[" + this.backOff + ", dead letters "
				+ ((this.deadLetterSuffix != null) ? "to <type>" + this.deadLetterSuffix : "off") + "]";
	}
}
