package io.aiodistbus.nats;

import java.util.Map;

import io.aiodistbus.DropReason;
import io.aiodistbus.distributed.ConnectionState;

/**
 * A snapshot of a {@link NatsEntryPoint}'s connection and counters, with the meaning the ZeroMQ
 * client's {@code ClientStats} gives them.
 *
 * @param state the connection state
 * @param server the URL of the server connected to now, {@code null} while not connected
 * @param emitted events handed to NATS since start
 * @param received events delivered to this entry point's handlers since start
 * @param reconnects completed reconnections (fail-overs included) since start
 * @param queued received events waiting for the handlers now
 * @param lost events other entry points published that never arrived, counted from their sequence
 * numbers (a gap between two received events of one publisher and type, of at most 1,000,000)
 * @param outOfOrder events that arrived after a later one of the same publisher and type, or twice
 * @param epochs times a publisher's numbering of a type started afresh, counted instead of loss
 * @param slowConsumers times NATS reported this entry point a slow consumer (its inbound queue full)
 * @param dropped messages dropped since start, by reason
 */
public record NatsStats(ConnectionState state, String server, long emitted, long received, long reconnects,
		long queued, long lost, long outOfOrder, long epochs, long slowConsumers, Map<DropReason, Long> dropped) {

	/** @return the number of messages dropped for any reason */
	public long droppedTotal() {
		return this.dropped.values().stream().mapToLong(Long::longValue).sum();
	}
}
