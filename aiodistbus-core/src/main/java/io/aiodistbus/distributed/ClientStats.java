package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.Map;

import io.aiodistbus.DropReason;

/**
 * A snapshot of a client's connection and counters.
 *
 * @param state the connection state
 * @param endpoint the broker address, {@code host:port}, or {@code null} before connect
 * @param emitted events handed to the socket since start
 * @param received events delivered to this client's handlers since start
 * @param pulses broker heartbeats received since start
 * @param lastPulseAge time since the last heartbeat of the current connection, {@code null} if none
 * arrived since the client last (re)connected
 * @param missedPulses failed heartbeat checks in a row now
 * @param reconnects completed reconnections since start
 * @param queued received events waiting for the handlers now
 * @param lost events other clients published that never arrived, counted from their sequence numbers
 * (a gap between two received events of one publisher and type, of at most 1,000,000)
 * @param outOfOrder events that arrived after a later one of the same publisher and type, or twice
 * @param epochs times a publisher's numbering of a type started afresh, counted instead of loss: it
 * went back to 1 (a restarted or foreign publisher) or jumped by more than 1,000,000 (a hostile
 * publisher, or a gap too large to be taken at its word)
 * @param dropped messages dropped since start, by reason
 */
public record ClientStats(ConnectionState state, String endpoint, long emitted, long received, long pulses,
		Duration lastPulseAge, int missedPulses, long reconnects, int queued, long lost, long outOfOrder,
		long epochs, Map<DropReason, Long> dropped) {

	/** @return the number of messages dropped for any reason */
	public long droppedTotal() {
		return this.dropped.values().stream().mapToLong(Long::longValue).sum();
	}
}
