package io.aiodistbus.distributed;

import java.util.EnumMap;
import java.util.Map;

import org.slf4j.Logger;

import io.aiodistbus.dispatch.LogSafety;
import io.aiodistbus.wire.DropReason;

/**
 * Logs dropped messages, one line each, but no more than a burst per reason per window: a peer that
 * floods bad frames must not flood the log too. What the window suppressed is reported when it ends.
 * Used by one thread.
 */
final class DropLog {

	private static final long WINDOW_NANOS = 10_000_000_000L;

	private static final int BURST = 20;

	private final Logger logger;

	private final String owner;

	private final Map<DropReason, long[]> windows = new EnumMap<>(DropReason.class);

	DropLog(Logger logger, String owner) {
		this.logger = logger;
		this.owner = owner;
	}

	void dropped(DropReason reason, String type, String detail) {
		long now = System.nanoTime();
		long[] window = this.windows.computeIfAbsent(reason, (r) -> new long[] { now, 0, 0 });
		if (now - window[0] > WINDOW_NANOS) {
			if (window[2] > 0) {
				this.logger.warn("{}: {} more messages dropped ({}) in the last {} s without a log line each",
						this.owner, window[2], reason.tag(), (now - window[0]) / 1_000_000_000L);
			}
			window[0] = now;
			window[1] = 0;
			window[2] = 0;
		}
		if (window[1] < BURST) {
			window[1]++;
			this.logger.warn("{}: dropped message ({}) of type '{}': {}", this.owner, reason.tag(), LogSafety.safe(type),
					LogSafety.safe(detail));
		}
		else {
			window[2]++;
		}
	}
}
