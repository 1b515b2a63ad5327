package io.aiodistbus.nats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.codec.RawPayload;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.event.Event;

/**
 * Joins a ZeroMQ broker ({@code DEventBus}, where Python aiodistbus peers connect) and the bus on NATS,
 * so that Python services and NATS-connected Java services share one bus: broker events of some types
 * are re-emitted on NATS, NATS events of some types on the broker, keeping their ids, dtypes, payload
 * bytes and headers.
 *
 * <h2>No circles</h2>
 * An event carried one way would come back the other when the patterns overlap (the bridge's own client
 * on each side receives what it emitted there). As {@code io.aiodistbus.bridge.Bridge}'s link does, the
 * bridge remembers the ids it carried (the last {@value #REMEMBERED}) and carries no id twice, so each
 * event reaches each side once. Two bridges between the same buses would carry each event twice: run one.
 *
 * <h2>Payloads</h2>
 * Payloads cross as they are ({@link RawPayload}: the dtype and the bytes), never decoded to a class and
 * encoded again, so what a Python peer wrote reaches NATS byte for byte and the other way round.
 */
public final class NatsBridge implements AutoCloseable {

	static final int REMEMBERED = 65_536;

	private final DEntryPoint broker;

	private final NatsEntryPoint nats;

	private final PayloadCodec codec;

	private final LongAdder toNats = new LongAdder();

	private final LongAdder fromNats = new LongAdder();

	private final Set<String> carried = Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > REMEMBERED;
		}
	});

	private NatsBridge(DEntryPoint broker, NatsEntryPoint nats, PayloadCodec codec) {
		this.broker = broker;
		this.nats = nats;
		this.codec = codec;
	}

	/**
	 * Opens a bridge: connects a client to the broker and an entry point to NATS, and carries events both
	 * ways from then on. The caller keeps it and closes it.
	 * @param host the broker's address
	 * @param port the broker's handshake port
	 * @param clientOptions how the bridge's broker client connects (CURVE keys, timeouts)
	 * @param natsOptions how the bridge connects to NATS (servers, prefix, credentials)
	 * @param toNats broker types or patterns to re-emit on NATS ({@code *} for all)
	 * @param fromNats NATS types or patterns to re-emit on the broker
	 * @return the open bridge
	 * @throws io.aiodistbus.distributed.ConnectTimeoutException if the broker does not answer
	 * @throws NatsConnectException if no NATS server does
	 */
	public static NatsBridge open(String host, int port, ClientOptions clientOptions, NatsOptions natsOptions,
			List<String> toNats, List<String> fromNats) {
		PayloadCodec codec = PayloadCodec.shared();
		NatsBridge bridge = new NatsBridge(new DEntryPoint(clientOptions, codec), new NatsEntryPoint(natsOptions, codec),
				codec);
		try {
			for (String type : fromNats) {
				bridge.nats.on(type, (event) -> bridge.carry(event, bridge.broker, bridge.fromNats));
			}
			for (String type : toNats) {
				bridge.broker.on(type, (event) -> bridge.carry(event, bridge.nats, bridge.toNats));
			}
			bridge.nats.connect();
			bridge.broker.connect(host, port);
		}
		catch (RuntimeException ex) {
			bridge.close();
			throw ex;
		}
		return bridge;
	}

	/** @return the bridge's client of the broker, for its state and stats */
	public DEntryPoint brokerSide() {
		return this.broker;
	}

	/** @return the bridge's entry point on NATS, for its state and stats */
	public NatsEntryPoint natsSide() {
		return this.nats;
	}

	/** @return both sides' connections and the events carried each way, now */
	public NatsBridgeStats stats() {
		return new NatsBridgeStats(this.broker.state(), this.nats.state(), this.nats.stats().server(),
				this.toNats.sum(), this.fromNats.sum());
	}

	private void carry(Event event, EntryPoint to, LongAdder carried) {
		if (firstPass(event) && !to.isClosed()) {
			to.emit(event.type(), this.codec.convert(event, RawPayload.class), event.id(), event.headers());
			carried.increment();
		}
	}

	private boolean firstPass(Event event) {
		synchronized (this.carried) {
			return this.carried.add(event.id());
		}
	}

	/** Closes both sides. Idempotent. */
	@Override
	public void close() {
		this.broker.close();
		this.nats.close();
	}

	@Override
	public String toString() {
		return "NatsBridge[" + this.broker + " <-> " + this.nats + "]";
	}
}
