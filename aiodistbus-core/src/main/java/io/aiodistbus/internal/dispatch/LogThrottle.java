package io.aiodistbus.internal.dispatch;

/**
 * Lets through a burst of log lines per window and counts the rest, so that a peer that sends bad
 * input as fast as it can does not flood the log. Thread-safe.
 */
public final class LogThrottle {

	private final long windowNanos;

	private final int burst;

	private long windowStart = System.nanoTime();

	private int logged;

	private long suppressed;

	/**
	 * @param windowNanos the window length
	 * @param burst how many lines a window lets through
	 */
	public LogThrottle(long windowNanos, int burst) {
		this.windowNanos = windowNanos;
		this.burst = burst;
	}

	/**
	 * Asks to log one line.
	 * @return how many lines the previous window suppressed (0 when none, or still in it) plus one
	 * when this line may be logged, or -1 when it must not be
	 */
	public synchronized long admit() {
		long now = System.nanoTime();
		long carried = 0;
		if (now - this.windowStart > this.windowNanos) {
			carried = this.suppressed;
			this.windowStart = now;
			this.logged = 0;
			this.suppressed = 0;
		}
		if (this.logged < this.burst) {
			this.logged++;
			return carried + 1;
		}
		this.suppressed++;
		return -1;
	}
}
