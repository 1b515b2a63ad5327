package io.aiodistbus.nats;

import io.aiodistbus.distributed.ConnectionState;

/**
 * A snapshot of a {@link NatsBridge}: the connection of each side and the events carried each way.
 *
 * @param brokerSide the state of the bridge's client of the ZeroMQ broker
 * @param natsSide the state of its entry point on NATS
 * @param natsServer the URL of the NATS server connected to now, {@code null} while not connected
 * @param toNats events carried from the broker to NATS since the bridge opened
 * @param fromNats events carried from NATS to the broker since the bridge opened
 */
public record NatsBridgeStats(ConnectionState brokerSide, ConnectionState natsSide, String natsServer, long toNats,
		long fromNats) {

	/** @return whether both sides are connected, so that events cross now */
	public boolean connected() {
		return this.brokerSide == ConnectionState.CONNECTED && this.natsSide == ConnectionState.CONNECTED;
	}
}
