package io.aiodistbus.bridge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aiodistbus.EntryPointStateException;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.ConnectTimeoutException;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.event.Event;
import io.aiodistbus.internal.dispatch.LocalBusAccess;
import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;

/**
 * A bridge between a local {@link EventBus} and a broker, through a {@link DEntryPoint} client of
 * its own: local events of some types are re-emitted remotely (forward), remote events of some types
 * are emitted locally (listen), or both (link). Events keep their id across the bridge.
 * <p>
 * {@link #forward}, {@link #listen}, {@link #link} and {@link #deforward} keep the names and the
 * meaning of Python aiodistbus's {@code EventBus.forward/listen/link/deforward}: the bridges they open
 * belong to the local bus, which closes them when it closes. {@link #open} gives the caller a bridge
 * to keep and close.
 *
 * <h2>No circles</h2>
 * A linked event would otherwise come back: what the bridge forwards, the broker publishes to the
 * bridge's own client too, and what it brings in, its own forwarding handler sees locally. The bridge
 * remembers the ids it carried either way (the last {@value #REMEMBERED} of them) and carries no id
 * twice, so each event is delivered once on each side.
 */
public final class Bridge implements AutoCloseable {

	static final int REMEMBERED = 65_536;

	private final String endpoint;

	private final LocalEntryPoint local;

	private final DEntryPoint remote;

	private final Set<String> carried = Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > REMEMBERED;
		}
	});

	private Bridge(EventBus bus, String host, int port, List<String> toRemote, List<String> fromRemote,
			ClientOptions options) {
		this.endpoint = host + ":" + port;
		this.local = new LocalEntryPoint();
		this.remote = new DEntryPoint(options);
		for (String type : fromRemote) {
			this.remote.on(type, this::toLocal);
		}
		this.remote.connect(host, port);
		for (String type : toRemote) {
			this.local.on(type, this::toRemote);
		}
		this.local.connect(bus);
	}

	/**
	 * Opens a one-way bridge from a local bus to a broker: local events of the given types are
	 * re-emitted on the broker, keeping their ids (Python's {@code bus.forward}). The bridge is closed
	 * with the bus, or by {@link #deforward}.
	 * @param bus the local bus
	 * @param host the broker's address
	 * @param port the broker's handshake port
	 * @param types local types or patterns; none means {@code *}
	 * @return the open bridge
	 * @throws EntryPointStateException if the bus is closed
	 * @throws ConnectTimeoutException if the broker does not answer
	 */
	public static Bridge forward(EventBus bus, String host, int port, String... types) {
		return attached(bus, host, port, orAll(types), List.of());
	}

	/**
	 * Opens a one-way bridge from a broker to a local bus: the broker's events of the given types are
	 * emitted on the local bus (Python's {@code bus.listen}). The bridge is closed with the bus, or by
	 * {@link #deforward}.
	 * @param bus the local bus
	 * @param host the broker's address
	 * @param port the broker's handshake port
	 * @param types remote types or patterns; none means {@code *}
	 * @return the open bridge
	 * @throws EntryPointStateException if the bus is closed
	 * @throws ConnectTimeoutException if the broker does not answer
	 */
	public static Bridge listen(EventBus bus, String host, int port, String... types) {
		return attached(bus, host, port, List.of(), orAll(types));
	}

	/**
	 * Opens a two-way bridge between a local bus and a broker, forwarding and listening at once
	 * (Python's {@code bus.link}); an event crosses once each way and never circles. The bridge is
	 * closed with the bus, or by {@link #deforward}.
	 * @param bus the local bus
	 * @param host the broker's address
	 * @param port the broker's handshake port
	 * @param toTypes local types or patterns to re-emit remotely
	 * @param fromTypes remote types or patterns to emit locally
	 * @return the open bridge
	 * @throws EntryPointStateException if the bus is closed
	 * @throws ConnectTimeoutException if the broker does not answer
	 */
	public static Bridge link(EventBus bus, String host, int port, List<String> toTypes, List<String> fromTypes) {
		return attached(bus, host, port, toTypes, fromTypes);
	}

	/**
	 * Closes the bridges between a bus and a broker that {@link #forward}, {@link #listen} or
	 * {@link #link} opened (Python's {@code bus.deforward}).
	 * @param bus the local bus
	 * @param host the broker's address
	 * @param port the broker's handshake port
	 */
	public static void deforward(EventBus bus, String host, int port) {
		String endpoint = host + ":" + port;
		LocalBusAccess.LocalBus internals = LocalBusAccess.of(bus);
		for (AutoCloseable resource : internals.closedWith()) {
			if (resource instanceof Bridge bridge && bridge.endpoint.equals(endpoint) && internals.release(bridge)) {
				bridge.close();
			}
		}
	}

	private static Bridge attached(EventBus bus, String host, int port, List<String> toTypes,
			List<String> fromTypes) {
		if (bus.isClosed()) {
			throw new EntryPointStateException("Cannot bridge to " + host + ":" + port + ": the event bus is closed");
		}
		Bridge bridge = open(bus, host, port, toTypes, fromTypes);
		try {
			LocalBusAccess.of(bus).closeWith(bridge);
		}
		catch (EntryPointStateException ex) {
			// The bus closed while the bridge connected: it would close the bridge, so do that here.
			bridge.close();
			throw ex;
		}
		return bridge;
	}

	private static List<String> orAll(String[] types) {
		return (types.length == 0) ? List.of("*") : List.of(types);
	}

	/**
	 * Opens a bridge; the caller keeps it and closes it.
	 * @param bus the local bus
	 * @param host the broker's address
	 * @param port the broker's handshake port
	 * @param toRemote local types or patterns to re-emit remotely
	 * @param fromRemote remote types or patterns to emit locally
	 * @return the open bridge
	 * @throws ConnectTimeoutException if the broker does not answer
	 */
	public static Bridge open(EventBus bus, String host, int port, List<String> toRemote, List<String> fromRemote) {
		return open(bus, host, port, toRemote, fromRemote, ClientOptions.defaults());
	}

	/**
	 * Opens a bridge whose client uses the given options, e.g. CURVE keys for a broker that requires
	 * them; the caller keeps it and closes it.
	 * @param bus the local bus
	 * @param host the broker's address
	 * @param port the broker's handshake port
	 * @param toRemote local types or patterns to re-emit remotely
	 * @param fromRemote remote types or patterns to emit locally
	 * @param options how the bridge's client connects
	 * @return the open bridge
	 * @throws ConnectTimeoutException if the broker does not answer
	 */
	public static Bridge open(EventBus bus, String host, int port, List<String> toRemote, List<String> fromRemote,
			ClientOptions options) {
		return new Bridge(bus, host, port, toRemote, fromRemote, options);
	}

	/** @return the broker address, {@code host:port} */
	public String endpoint() {
		return this.endpoint;
	}

	private void toRemote(Event event) {
		if (firstPass(event) && !this.remote.isClosed()) {
			this.remote.emit(event.type(), event.data(), event.id(), event.headers());
		}
	}

	private void toLocal(Event event) {
		if (firstPass(event) && !this.local.isClosed()) {
			this.local.emit(event.type(), event.data(), event.id(), event.headers());
		}
	}

	private boolean firstPass(Event event) {
		synchronized (this.carried) {
			return this.carried.add(event.id());
		}
	}

	@Override
	public void close() {
		this.local.close();
		this.remote.close();
	}

	@Override
	public String toString() {
		return "Bridge[" + this.endpoint + "]";
	}
}
