package io.aiodistbus.internal.dispatch;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;


/**
 * Counts what a receiver missed, from the publisher stamps our clients add to each event: a
 * publisher numbers its events per type 1, 2, 3, ...; a jump forward is that many events lost, a
 * number not above the last one seen is a duplicate or out of order. Events without a stamp (from
 * Python peers) are not counted.
 *
 * <h2>Epochs</h2>
 * The numbers are the publisher's word, so a restarted or hostile publisher must not be able to
 * make the counter lie: a number back at 1, or more than {@value #MAX_GAP} away from the one
 * expected, starts a new epoch for that publisher and type. It is counted in {@link #epochs()},
 * logged (rate-limited) and tracked from there on, and adds nothing to {@link #lost()}. So one event
 * adds at most {@value #MAX_GAP} to the loss. The bound is ten times the default queue sizes (the
 * broker's publish and the client's push high-water marks, the client's inbound capacity, 100,000
 * each), which bound what goes missing between two events a receiver reads; it takes a receiver that
 * stops reading for about 5 s while the fastest publisher we measured (some 200,000 events/s on one
 * type) keeps sending to lose more in one piece, and that case is then reported as an epoch rather
 * than guessed.
 *
 * <h2>Memory</h2>
 * Tracking is per publisher and type because a receiver sees only the types it subscribes to. When
 * this client's subscriptions change, what it saw before says nothing about what it should see next,
 * so the tracker starts afresh. It remembers at most {@value #TRACKED} publisher and type pairs
 * ({@value #TYPES} types of one publisher), forgetting the least recently heard publishers first,
 * and tracks no publisher id longer than {@value #MAX_SOURCE} characters (ours are 36) nor type
 * longer than {@value #MAX_TYPE}, so that a stream of fresh {@code src} values cannot exhaust memory
 * (a few tens of MB at worst). A forgotten publisher's next event starts its tracking again, and a
 * gap just before it goes uncounted.
 * <p>
 * Used by the one thread that reads a client's events (the ZeroMQ client's I/O thread, the NATS
 * entry point's dispatcher); the counters may be read from any thread.
 */
public final class SequenceTracker {

	/** The largest jump forward taken as that many events lost; a larger one starts a new epoch. */
	public static final long MAX_GAP = 1_000_000;

	static final int TRACKED = 50_000;

	static final int TYPES = 10_000;

	static final int MAX_SOURCE = 64;

	static final int MAX_TYPE = 256;

	private static final long LOG_WINDOW_NANOS = 10_000_000_000L;

	private static final int LOG_BURST = 5;

	private final Map<String, Types> last = new LinkedHashMap<>(64, 0.75f, true);

	private final AtomicLong lost = new AtomicLong();

	private final AtomicLong outOfOrder = new AtomicLong();

	private final AtomicLong epochs = new AtomicLong();

	private final Logger logger;

	private final String owner;

	private final LogThrottle epochLog = new LogThrottle(LOG_WINDOW_NANOS, LOG_BURST);

	private final LogThrottle forgetLog = new LogThrottle(LOG_WINDOW_NANOS, 1);

	private int tracked;

	private volatile boolean resetRequested;

	/**
	 * @param logger where new epochs and forgotten publishers are logged
	 * @param owner the client, as log lines name it
	 */
	public SequenceTracker(Logger logger, String owner) {
		this.logger = logger;
		this.owner = owner;
	}

	/**
	 * @param source the publisher's id, {@code null} for an unstamped event
	 * @param type the event type
	 * @param sequence the publisher's number for it
	 */
	public void seen(String source, String type, long sequence) {
		if (this.resetRequested) {
			this.resetRequested = false;
			this.last.clear();
			this.tracked = 0;
		}
		if (source == null || sequence <= 0 || source.length() > MAX_SOURCE || type.length() > MAX_TYPE) {
			return;
		}
		Types types = this.last.get(source);
		if (types == null) {
			types = new Types();
			this.last.put(source, types);
		}
		long[] previous = types.get(type);
		if (previous == null) {
			types.put(type, new long[] { sequence });
			this.tracked++;
			forgetEldest();
			return;
		}
		long expected = previous[0] + 1;
		if (sequence == expected) {
			previous[0] = sequence;
		}
		else if ((sequence == 1 && previous[0] > 1) || sequence - expected > MAX_GAP
				|| expected - sequence > MAX_GAP) {
			newEpoch(source, type, previous[0], sequence);
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

	private void newEpoch(String source, String type, long previous, long sequence) {
		this.epochs.incrementAndGet();
		long admitted = this.epochLog.admit();
		if (admitted > 0) {
			this.logger.warn("{}: publisher {} numbered '{}' {} after {}: {}; counted as a new epoch, not as loss{}",
					this.owner, LogSafety.safe(source), LogSafety.safe(type), sequence, previous,
					(sequence == 1) ? "it restarted its numbering"
							: "a jump of more than " + MAX_GAP + " is not taken as loss",
					(admitted > 1) ? " (" + (admitted - 1) + " more new epochs earlier without a log line)" : "");
		}
	}

	private void forgetEldest() {
		if (this.tracked <= TRACKED) {
			return;
		}
		int forgotten = 0;
		Iterator<Types> eldest = this.last.values().iterator();
		while (this.tracked > TRACKED && eldest.hasNext()) {
			this.tracked -= eldest.next().size();
			eldest.remove();
			forgotten++;
		}
		long admitted = this.forgetLog.admit();
		if (admitted > 0) {
			this.logger.warn("{}: more than {} publisher and type pairs to track for loss; forgot the {} least "
					+ "recently heard publisher(s), whose next gap goes uncounted", this.owner, TRACKED, forgotten);
		}
	}

	/** Forgets every publisher; takes effect at the next event. */
	public void reset() {
		this.resetRequested = true;
	}

	public long lost() {
		return this.lost.get();
	}

	public long outOfOrder() {
		return this.outOfOrder.get();
	}

	public long epochs() {
		return this.epochs.get();
	}

	/** @return how many publisher and type pairs are tracked now */
	int tracked() {
		return this.tracked;
	}

	/** One publisher's last numbers by type, the least recently heard type first. */
	private final class Types extends LinkedHashMap<String, long[]> {

		Types() {
			super(16, 0.75f, true);
		}

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
			if (size() <= TYPES) {
				return false;
			}
			SequenceTracker.this.tracked--;
			return true;
		}
	}
}
