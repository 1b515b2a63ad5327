package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A broker on loopback and the clients a test makes for it, all closed together.
 */
final class Loopback implements AutoCloseable {

	private final DEventBus broker;

	private final List<DEntryPoint> clients = new CopyOnWriteArrayList<>();

	Loopback(BrokerOptions options) {
		this.broker = new DEventBus(options);
	}

	DEventBus broker() {
		return this.broker;
	}

	/** @return a client with a generous connect timeout, not yet connected */
	DEntryPoint client(ClientOptions options) {
		DEntryPoint client = new DEntryPoint(options.withConnectTimeout(Duration.ofSeconds(20)));
		this.clients.add(client);
		return client;
	}

	@Override
	public void close() {
		this.clients.forEach(DEntryPoint::close);
		this.broker.close();
	}
}
