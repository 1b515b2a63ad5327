package io.aiodistbus.benchmarks;

import java.util.BitSet;

/**
 * What one receiver saw of one round: per publisher, which sequence numbers arrived, how many twice,
 * and how many after a higher one. Loss is whatever never arrived. Synchronized because a bus may
 * run one receiver's handlers on more than one thread; uncontended, the lock costs little next to a
 * delivery.
 */
public final class SeqTracker {

	private final int round;

	private final int self;

	private final int heard;

	private volatile long expected;

	private final BitSet[] seen;

	private final long[] highest;

	private long received;

	private long duplicated;

	private long outOfOrder;

	private long stale;

	private long probes;

	private long firstNanos;

	private long lastNanos;

	/**
	 * @param round the round whose ticks count; others are stale
	 * @param publishers how many publishers, numbered from 0
	 * @param perPublisher how many events each publisher sends
	 * @param self the publisher number of this receiver's own client, whose echoes are ignored; -1 for none
	 */
	public SeqTracker(int round, int publishers, long perPublisher, int self) {
		this.round = round;
		this.self = self;
		this.heard = publishers - ((self >= 0) ? 1 : 0);
		this.expected = perPublisher * this.heard;
		this.seen = new BitSet[publishers];
		this.highest = new long[publishers];
		for (int i = 0; i < publishers; i++) {
			this.seen[i] = new BitSet((int) perPublisher);
			this.highest[i] = -1;
		}
	}

	/** Records one delivery. */
	public synchronized void accept(Tick tick) {
		if (tick.round() != this.round) {
			this.stale++;
			return;
		}
		if (tick.isProbe()) {
			this.probes++;
			return;
		}
		if (tick.publisher() == this.self) {
			return;
		}
		long now = System.nanoTime();
		if (this.received == 0 && this.duplicated == 0) {
			this.firstNanos = now;
		}
		this.lastNanos = now;
		int publisher = tick.publisher();
		int seq = (int) tick.seq();
		if (this.seen[publisher].get(seq)) {
			this.duplicated++;
			return;
		}
		this.seen[publisher].set(seq);
		this.received++;
		if (seq < this.highest[publisher]) {
			this.outOfOrder++;
		}
		else {
			this.highest[publisher] = seq;
		}
	}

	/**
	 * Corrects how many events each publisher sent, for a run that stopped on time rather than count.
	 * @param perPublisher events each publisher sent
	 */
	public void expect(long perPublisher) {
		this.expected = perPublisher * this.heard;
	}

	/** @return distinct counted events received */
	public synchronized long received() {
		return this.received;
	}

	/** @return whether every publisher's every event arrived */
	public synchronized boolean complete() {
		return this.received == this.expected;
	}

	/** @return whether a readiness probe of this round arrived */
	public synchronized boolean ready() {
		return this.probes > 0;
	}

	/** @return a snapshot of the counts */
	public synchronized Delivery delivery() {
		return new Delivery(this.expected, this.received, this.expected - this.received, this.duplicated,
				this.outOfOrder, this.stale, this.firstNanos, this.lastNanos);
	}

	/**
	 * Counts of one receiver in one round.
	 * @param expected events it should have received
	 * @param received distinct events received
	 * @param lost expected but never received
	 * @param duplicated received more than once
	 * @param outOfOrder received after a higher sequence number of the same publisher
	 * @param stale events of another round
	 * @param firstNanos when the first counted event arrived
	 * @param lastNanos when the last counted event arrived
	 */
	public record Delivery(long expected, long received, long lost, long duplicated, long outOfOrder, long stale,
			long firstNanos, long lastNanos) {
	}
}
