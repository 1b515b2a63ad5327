package io.aiodistbus.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.distributed.BrokerStats;

/**
 * Logs clients connecting and disconnecting, at INFO, from the broker's count of open subscriber
 * connections (one per client), read a few times a second: the broker tells connections by count,
 * not by name, so the lines say how many came or went and how many are connected now.
 */
final class ConnectionLog {

	private static final Logger logger = LoggerFactory.getLogger("io.aiodistbus.broker.Connections");

	private int connected;

	/** Compares with the previous check and logs the change; called on one thread. */
	void check(BrokerStats stats) {
		int now = stats.connectedClients();
		if (now > this.connected) {
			logger.info("{} connected ({} connected now, {} handshakes since start)",
					clients(now - this.connected), now, stats.handshakes());
		}
		else if (now < this.connected) {
			logger.info("{} disconnected ({} connected now)", clients(this.connected - now), now);
		}
		this.connected = now;
	}

	private static String clients(int count) {
		return (count == 1) ? "A client" : count + " clients";
	}

}
