package io.aiodistbus.distributed;

import java.util.Map;

import io.aiodistbus.DropReason;

/**
 * A snapshot of a broker's counters.
 *
 * @param running whether the broker is serving
 * @param connectedClients clients whose subscriber connection is open now
 * @param handshakes handshakes answered since start
 * @param relayed events relayed since start
 * @param translated events relayed in the other wire format as well, for subscribers that speak it
 * (native to Python's or back), since start
 * @param pulses heartbeats published since start
 * @param dropped messages dropped since start, by reason
 * @param refusedConnections connections refused by CURVE authentication since start; a refused client
 * is refused on each of its three sockets and keeps retrying, so one client adds several
 * @param failedHandshakes connections to a CURVE broker that failed their handshake before
 * authentication, by cause: plaintext clients and clients with the wrong broker public key (all zero
 * without CURVE); like refusals, one client adds several
 */
public record BrokerStats(boolean running, int connectedClients, long handshakes, long relayed, long translated,
		long pulses, Map<DropReason, Long> dropped, long refusedConnections, Map<HandshakeFailure, Long> failedHandshakes) {

	/** @return the number of messages dropped for any reason */
	public long droppedTotal() {
		return this.dropped.values().stream().mapToLong(Long::longValue).sum();
	}
}
