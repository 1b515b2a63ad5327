package io.aiodistbus.distributed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what a receiver missed, from the publisher stamps our clients add to each event: a
 * publisher numbers its events per type 1, 2, 3, ...; a jump forward is that many events lost, a
 * number not above the last one seen is a duplicate or out of order. Events without a stamp (from
 * Python peers) are not counted.
 * <p>
 * Tracking is per publisher and type because a receiver sees only the types it subscribes to. When
 * this client's subscriptions change, what it saw before says nothing about what it should see next,
 * so the tracker starts afresh. It remembers at most {@value #LIMIT} publisher-type pairs. Used by the
 * client's I/O thread; the counters may be read from any thread.
 */
final class SequenceTracker {

	static final int LIMIT = 100_000;

	private final Map<String, long[]> last = new LinkedHashMap<>(256, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
			return size() > LIMIT;
		}
	};

	private final AtomicLong lost = new AtomicLong();

	private final AtomicLong outOfOrder = new AtomicLong();

	private volatile boolean resetRequested;

	/**
	 * @param source the publisher's id, {@code null} for an unstamped event
	 * @param type the event type
	 * @param sequence the publisher's number for it
	 */
	void seen(String source, String type, long sequence) {
		if (this.resetRequested) {
			this.resetRequested = false;
			this.last.clear();
		}
		if (source == null || sequence <= 0) {
			return;
		}
		String key = source + '\u0000' + type;
		long[] previous = this.last.get(key);
		if (previous == null) {
			this.last.put(key, new long[] { sequence });
			return;
		}
		long expected = previous[0] + 1;
		if (sequence == expected) {
			previous[0] = sequence;
		}
		else if (sequence > expected) {
			this.lost.addAndGet(sequence - expected);
			previous[0] = sequence;
		}
		else {
			this.outOfOrder.incrementAndGet();
		}
	}

	/** Forgets every publisher; takes effect at the next event. */
	void reset() {
		this.resetRequested = true;
	}

	long lost() {
		return this.lost.get();
	}

	long outOfOrder() {
		return this.outOfOrder.get();
	}
}
