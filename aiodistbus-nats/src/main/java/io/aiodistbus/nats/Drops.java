package io.aiodistbus.nats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.DropReason;
import io.aiodistbus.internal.dispatch.LogSafety;
import io.aiodistbus.internal.dispatch.LogThrottle;

/**
 * What an entry point dropped, by reason, each drop logged but no more than a burst per reason per
 * window, so that a peer flooding bad messages does not flood the log too.
 */
final class Drops {

	private static final Logger logger = LoggerFactory.getLogger(NatsEntryPoint.class);

	private static final DropReason[] REASONS = DropReason.values();

	private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);

	private final Map<DropReason, LogThrottle> throttles = new EnumMap<>(DropReason.class);

	private final String owner;

	Drops(String owner) {
		this.owner = owner;
		for (DropReason reason : REASONS) {
			this.throttles.put(reason, new LogThrottle(10_000_000_000L, 20));
		}
	}

	/** Counts a drop without a log line, for drops that are reported elsewhere. */
	void count(DropReason reason) {
		this.counts.incrementAndGet(reason.ordinal());
	}

	void dropped(DropReason reason, String type, String detail) {
		dropped(reason, 1, type, detail);
	}

	void dropped(DropReason reason, int events, String type, String detail) {
		this.counts.addAndGet(reason.ordinal(), events);
		long admitted = this.throttles.get(reason).admit();
		if (admitted > 0) {
			logger.warn("{}: dropped message ({}) of type '{}': {}{}", this.owner, reason.tag(), LogSafety.safe(type),
					LogSafety.safe(detail),
					(admitted > 1) ? " (" + (admitted - 1) + " more dropped earlier without a log line)" : "");
		}
	}

	/**
	 * @param queueFull drops counted elsewhere (by jnats, for a full inbound queue), added to {@code queue_full}
	 * @return the counts by reason
	 */
	Map<DropReason, Long> snapshot(long queueFull) {
		Map<DropReason, Long> snapshot = new EnumMap<>(DropReason.class);
		for (DropReason reason : REASONS) {
			snapshot.put(reason, this.counts.get(reason.ordinal()) + ((reason == DropReason.QUEUE_FULL) ? queueFull : 0));
		}
		return Collections.unmodifiableMap(snapshot);
	}
}
