package io.aiodistbus;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how soon a failed handler is tried again: at most {@code maxAttempts} attempts in
 * all (the first delivery included), the first retry after {@code initialDelay}, each next one
 * {@code multiplier} times later, never more than {@code maxDelay}. With the defaults (3 attempts,
 * 1 s, times 2, at most 10 s) a handler that keeps failing runs at 0 s, 1 s and 3 s.
 *
 * @param maxAttempts attempts in all, at least 1; 1 means no retry
 * @param initialDelay the delay before the first retry, not negative
 * @param maxDelay the longest delay between two attempts, at least {@code initialDelay}
 * @param multiplier the factor from one delay to the next, at least 1
 */
public record RetryBackOff(int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier) {

	/** The default {@link #maxAttempts()}: {@value}. */
	public static final int DEFAULT_MAX_ATTEMPTS = 3;

	/** The default {@link #initialDelay()}: 1 s. */
	public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);

	/** The default {@link #maxDelay()}: 10 s. */
	public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(10);

	/** The default {@link #multiplier()}: {@value}. */
	public static final double DEFAULT_MULTIPLIER = 2.0;

	/**
	 * @param maxAttempts attempts in all, at least 1
	 * @param initialDelay the delay before the first retry
	 * @param maxDelay the longest delay
	 * @param multiplier the factor from one delay to the next
	 * @throws IllegalArgumentException naming the value that is out of range
	 */
	public RetryBackOff {
		Objects.requireNonNull(initialDelay, "initialDelay must not be null");
		Objects.requireNonNull(maxDelay, "maxDelay must not be null");
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		if (initialDelay.isNegative()) {
			throw new IllegalArgumentException("initialDelay must not be negative, was " + initialDelay);
		}
		if (maxDelay.compareTo(initialDelay) < 0) {
			throw new IllegalArgumentException(
					"maxDelay must be at least initialDelay (" + initialDelay + "), was " + maxDelay);
		}
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw new IllegalArgumentException("multiplier must be a number of at least 1, was " + multiplier);
		}
	}

	/** @return 3 attempts, 1 s, times 2, at most 10 s */
	public static RetryBackOff defaults() {
		return new RetryBackOff(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY, DEFAULT_MULTIPLIER);
	}

	/** @return one attempt, no retry */
	public static RetryBackOff none() {
		return defaults().withMaxAttempts(1);
	}

	/**
	 * @param attempts attempts in all
	 * @return a copy with that many attempts
	 */
	public RetryBackOff withMaxAttempts(int attempts) {
		return new RetryBackOff(attempts, this.initialDelay, this.maxDelay, this.multiplier);
	}

	/**
	 * @param delay the delay before the first retry
	 * @return a copy with that delay, and a maximum raised to it if it was lower
	 */
	public RetryBackOff withInitialDelay(Duration delay) {
		return new RetryBackOff(this.maxAttempts, delay, (this.maxDelay.compareTo(delay) < 0) ? delay : this.maxDelay,
				this.multiplier);
	}

	/**
	 * @param attempt the number of the attempt that failed, from 1
	 * @return the delay before the next attempt
	 */
	public Duration delayAfter(int attempt) {
		double millis = this.initialDelay.toMillis() * Math.pow(this.multiplier, Math.max(0, attempt - 1));
		long capped = (long) Math.min(millis, this.maxDelay.toMillis());
		return Duration.ofMillis(capped);
	}
}
