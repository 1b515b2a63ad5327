package io.aiodistbus.distributed;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

import io.aiodistbus.DropReason;

/**
 * How many messages were dropped, by reason. Lock-free; read as a snapshot.
 */
final class DropCounters {

	private static final DropReason[] REASONS = DropReason.values();

	private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);

	void increment(DropReason reason) {
		this.counts.incrementAndGet(reason.ordinal());
	}

	void add(DropReason reason, int count) {
		this.counts.addAndGet(reason.ordinal(), count);
	}

	Map<DropReason, Long> snapshot() {
		Map<DropReason, Long> snapshot = new EnumMap<>(DropReason.class);
		for (DropReason reason : REASONS) {
			snapshot.put(reason, this.counts.get(reason.ordinal()));
		}
		return Collections.unmodifiableMap(snapshot);
	}
}
