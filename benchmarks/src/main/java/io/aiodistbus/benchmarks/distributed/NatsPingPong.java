package io.aiodistbus.benchmarks.distributed;

import java.util.function.Consumer;

import io.nats.client.Connection;

import io.aiodistbus.benchmarks.Tick;

/**
 * Ping-pong through a nats-server: the ponger's dispatcher decodes each ping and publishes a new pong
 * with the same tick, as our ponger's handler does.
 */
public final class NatsPingPong implements PingPong {

	private final NatsServer server = new NatsServer();

	private Connection pinger;

	private Connection ponger;

	@Override
	public String name() {
		return NatsTopology.NAME;
	}

	@Override
	public void start(Consumer<Tick> pongs) {
		Connection ponger = this.server.connect();
		this.ponger = ponger;
		ponger.createDispatcher((message) -> ponger.publish(PONG, TickJson.encode(TickJson.decode(message.getData()))))
			.subscribe(PING);
		this.pinger = this.server.connect();
		this.pinger.createDispatcher((message) -> pongs.accept(TickJson.decode(message.getData()))).subscribe(PONG);
	}

	@Override
	public void ping(Tick tick) {
		this.pinger.publish(PING, TickJson.encode(tick));
	}

	@Override
	public void close() {
		if (this.pinger != null) {
			NatsServer.close(this.pinger);
		}
		if (this.ponger != null) {
			NatsServer.close(this.ponger);
		}
		this.server.close();
	}
}
