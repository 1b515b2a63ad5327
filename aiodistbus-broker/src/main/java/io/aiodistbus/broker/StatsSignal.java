package io.aiodistbus.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sun.misc.Signal;

/**
 * SIGUSR1 logs the broker's counters rather than ending the process, which is what the signal does
 * to a JVM that does not handle it: operators send it to ask a daemon for its state, not to stop it.
 */
final class StatsSignal {

	private static final Logger logger = LoggerFactory.getLogger(StatsSignal.class);

	private StatsSignal() {
	}

	static void install(BrokerMonitor monitor) {
		try {
			Signal.handle(new Signal("USR1"), (signal) -> monitor.logStats());
		}
		catch (IllegalArgumentException ex) {
			// not on this platform (Windows), or the JVM keeps it for itself
			logger.debug("SIGUSR1 not handled: {}", ex.getMessage());
		}
	}

}
