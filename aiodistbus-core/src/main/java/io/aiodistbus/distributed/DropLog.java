package io.aiodistbus.distributed;

import java.util.EnumMap;
import java.util.Map;

import org.slf4j.Logger;

import io.aiodistbus.DropReason;
import io.aiodistbus.internal.dispatch.LogSafety;
import io.aiodistbus.internal.dispatch.LogThrottle;

/**
 * Logs dropped messages, one line each, but no more than a burst per reason per window: a peer that
 * floods bad frames must not flood the log too. The next line logged after a quiet window says how
 * many went without one. Used by one thread.
 */
final class DropLog {

	private static final long WINDOW_NANOS = 10_000_000_000L;

	private static final int BURST = 20;

	private final Logger logger;

	private final String owner;

	/** Filled once, read only: drops are logged from the owner's thread and from JeroMQ's I/O thread. */
	private final Map<DropReason, LogThrottle> throttles = new EnumMap<>(DropReason.class);

	DropLog(Logger logger, String owner) {
		this.logger = logger;
		this.owner = owner;
		for (DropReason reason : DropReason.values()) {
			this.throttles.put(reason, new LogThrottle(WINDOW_NANOS, BURST));
		}
	}

	void dropped(DropReason reason, String type, String detail) {
		long admitted = this.throttles.get(reason).admit();
		if (admitted > 0) {
			this.logger.warn("{}: dropped message ({}) of type '{}': {}{}", this.owner, reason.tag(),
					LogSafety.safe(type), LogSafety.safe(detail),
					(admitted > 1) ? " (" + (admitted - 1) + " more dropped earlier without a log line)" : "");
		}
	}
}
