package io.aiodistbus.broker;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The rate of a growing count over the last few seconds, from samples taken about once a second.
 * Not thread-safe: one sampling thread writes it, readers call {@link #perSecond()} under its lock.
 */
final class RateWindow {

	private static final long WINDOW_NANOS = 10_000_000_000L;

	private final ArrayDeque<long[]> samples = new ArrayDeque<>();

	synchronized void sample(long nanoTime, long count) {
		this.samples.addLast(new long[] { nanoTime, count });
		// keep one sample older than the window, so the rate spans the whole window
		while (this.samples.size() > 2) {
			Iterator<long[]> oldest = this.samples.iterator();
			oldest.next();
			if (nanoTime - oldest.next()[0] < WINDOW_NANOS) {
				break;
			}
			this.samples.removeFirst();
		}
	}

	/** @return events per second between the oldest and the newest sample, 0 before two samples */
	synchronized double perSecond() {
		if (this.samples.size() < 2) {
			return 0;
		}
		long[] first = this.samples.peekFirst();
		long[] last = this.samples.peekLast();
		long nanos = last[0] - first[0];
		return (nanos <= 0) ? 0 : (last[1] - first[1]) * 1e9 / nanos;
	}

}
