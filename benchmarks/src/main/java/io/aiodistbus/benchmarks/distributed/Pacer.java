package io.aiodistbus.benchmarks.distributed;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a sender to a fixed rate by a schedule from its start (so a late send is followed by quicker
 * ones, not by a lower rate). It parks rather than spins while it can: on 2 cores a spinning sender
 * would take the CPU that the receivers need.
 */
public final class Pacer {

	private static final long SPIN_NANOS = 60_000;

	private final long periodNanos;

	private long start;

	/**
	 * @param perSecond events per second, 0 for as fast as possible
	 */
	public Pacer(double perSecond) {
		this.periodNanos = (perSecond > 0) ? (long) (1e9 / perSecond) : 0;
	}

	/** Starts the schedule now. */
	public void start() {
		this.start = System.nanoTime();
	}

	/** Waits until event {@code index} is due. */
	public void await(long index) {
		if (this.periodNanos == 0) {
			return;
		}
		long due = this.start + index * this.periodNanos;
		long wait;
		while ((wait = due - System.nanoTime()) > 0) {
			if (wait > SPIN_NANOS) {
				LockSupport.parkNanos(wait - SPIN_NANOS / 2);
			}
			else {
				Thread.onSpinWait();
			}
		}
	}
}
