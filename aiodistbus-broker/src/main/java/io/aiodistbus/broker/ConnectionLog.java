package io.aiodistbus.broker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.broker.ClientAddresses.Client;
import io.aiodistbus.distributed.BrokerStats;

/**
 * Logs clients connecting and disconnecting, at INFO, checked a few times a second: by address where
 * the kernel names the connections ({@link ClientAddresses}, Linux), else from the broker's count of
 * open subscriber connections (one per client), so that the lines say how many came or went.
 */
final class ConnectionLog {

	private static final Logger logger = LoggerFactory.getLogger("io.aiodistbus.broker.Connections");

	private int connected;

	private Set<Client> known = Set.of();

	/** Compares with the previous check and logs the change; called on one thread. */
	void check(BrokerStats stats, Optional<List<Client>> clients) {
		if (clients.isPresent()) {
			byAddress(stats, clients.get());
		}
		else {
			byCount(stats);
		}
	}

	private void byAddress(BrokerStats stats, List<Client> clients) {
		Set<Client> now = new HashSet<>(clients);
		for (Client client : clients) {
			if (!this.known.contains(client)) {
				logger.info("Client {} connected ({} format; {} connected now, {} handshakes since start)",
						client.address(), client.wireFormat(), now.size(), stats.handshakes());
			}
		}
		List<Client> gone = new ArrayList<>(this.known);
		gone.removeAll(now);
		for (Client client : gone) {
			logger.info("Client {} disconnected ({} connected now)", client.address(), now.size());
		}
		this.known = now;
		this.connected = now.size();
	}

	private void byCount(BrokerStats stats) {
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
