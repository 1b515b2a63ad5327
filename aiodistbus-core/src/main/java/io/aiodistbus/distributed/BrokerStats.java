package io.aiodistbus.distributed;

import java.util.Map;

import io.aiodistbus.wire.DropReason;

/**
 * A snapshot of a broker's counters.
 *
 * @param running whether the broker is serving
 * @param connectedClients clients whose subscriber connection is open now
 * @param handshakes handshakes answered since start
 * @param relayed events relayed since start
 * @param pulses heartbeats published since start
 * @param dropped messages dropped since start, by reason
 */
public record BrokerStats(boolean running, int connectedClients, long handshakes, long relayed, long pulses,
		Map<DropReason, Long> dropped) {

	/** @return the number of messages dropped for any reason */
	public long droppedTotal() {
		return this.dropped.values().stream().mapToLong(Long::longValue).sum();
	}
}
