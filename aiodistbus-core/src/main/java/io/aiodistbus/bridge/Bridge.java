package io.aiodistbus.bridge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.ConnectTimeoutException;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.event.Event;
import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;

/**
 * Joins a local {@link EventBus} to a broker: local events of some types are re-emitted remotely
 * (forward), remote events of some types are emitted locally (listen), or both (link). Events keep
 * their id across the bridge.
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

	/** @return the client the bridge uses on the broker's side */
	public DEntryPoint remote() {
		return this.remote;
	}

	private void toRemote(Event event) {
		if (firstPass(event) && !this.remote.isClosed()) {
			this.remote.emit(event.type(), event.data(), event.id());
		}
	}

	private void toLocal(Event event) {
		if (firstPass(event) && !this.local.isClosed()) {
			this.local.emit(event.type(), event.data(), event.id());
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
