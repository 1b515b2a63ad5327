package io.aiodistbus.nats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.internal.dispatch.LogSafety;
import io.aiodistbus.internal.dispatch.LogThrottle;

/**
 * Counts what a receiver missed from the publishers' per-type sequence numbers, with the rules of the
 * ZeroMQ client's tracker (README, "Delivery guarantees"): a jump forward of up to {@value #MAX_GAP} is
 * that many events lost; a number not above the last one is out of order (or a duplicate); a number back
 * at 1, or further than {@value #MAX_GAP} from the one expected, starts a new epoch, counted and logged
 * instead of taken as loss. At most {@value #TRACKED} publisher and type pairs are remembered, the least
 * recently heard first forgotten, and over-long publisher ids or types are not tracked, so that a stream
 * of fresh ids cannot exhaust memory.
 * <p>
 * Used by the one thread that delivers events; the counters may be read from any thread.
 */
final class SequenceGaps {

	static final long MAX_GAP = 1_000_000;

	static final int TRACKED = 50_000;

	static final int MAX_SOURCE = 64;

	static final int MAX_TYPE = 256;

	private static final Logger logger = LoggerFactory.getLogger(SequenceGaps.class);

	private final Map<String, long[]> last = new LinkedHashMap<>(64, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
			return size() > TRACKED;
		}
	};

	private final AtomicLong lost = new AtomicLong();

	private final AtomicLong outOfOrder = new AtomicLong();

	private final AtomicLong epochs = new AtomicLong();

	private final LogThrottle epochLog = new LogThrottle(10_000_000_000L, 5);

	private final String owner;

	private volatile boolean resetRequested;

	SequenceGaps(String owner) {
		this.owner = owner;
	}

	/**
	 * @param source the publisher's id, {@code null} for an unstamped event (from a Python peer)
	 * @param type the event type
	 * @param sequence the publisher's number for it
	 */
	void seen(String source, String type, long sequence) {
		if (this.resetRequested) {
			this.resetRequested = false;
			this.last.clear();
		}
		if (source == null || sequence <= 0 || source.length() > MAX_SOURCE || type.length() > MAX_TYPE) {
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
		else if ((sequence == 1 && previous[0] > 1) || sequence - expected > MAX_GAP || expected - sequence > MAX_GAP) {
			this.epochs.incrementAndGet();
			if (this.epochLog.admit() > 0) {
				logger.warn("{}: publisher {} numbered '{}' {} after {}; counted as a new epoch, not as loss", this.owner,
						LogSafety.safe(source), LogSafety.safe(type), sequence, previous[0]);
			}
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

	/**
	 * Forgets every publisher, at the next event: once the subscriptions change, what was seen before
	 * says nothing about what should come next.
	 */
	void reset() {
		this.resetRequested = true;
	}

	long lost() {
		return this.lost.get();
	}

	long outOfOrder() {
		return this.outOfOrder.get();
	}

	long epochs() {
		return this.epochs.get();
	}
}
