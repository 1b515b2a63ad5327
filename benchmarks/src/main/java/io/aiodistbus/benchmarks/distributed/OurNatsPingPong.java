package io.aiodistbus.benchmarks.distributed;

import java.util.function.Consumer;

import io.aiodistbus.benchmarks.Tick;
import io.aiodistbus.nats.NatsEntryPoint;
import io.aiodistbus.nats.NatsOptions;

/**
 * Ping-pong on our bus on NATS: two {@link NatsEntryPoint}s on a nats-server this pair starts, the
 * ponger's handler emitting the pong as {@link OurPingPong}'s does.
 */
public final class OurNatsPingPong implements PingPong {

	private final NatsServer server = new NatsServer();

	private final NatsEntryPoint pinger = entryPoint();

	private final NatsEntryPoint ponger = entryPoint();

	private NatsEntryPoint entryPoint() {
		return new NatsEntryPoint(NatsOptions.defaults().withServers(this.server.url()));
	}

	@Override
	public String name() {
		return OurNatsTopology.NAME;
	}

	@Override
	public void start(Consumer<Tick> pongs) {
		this.ponger.on(PING, Tick.class, (tick) -> this.ponger.emit(PONG, tick));
		this.ponger.connect();
		this.pinger.on(PONG, Tick.class, pongs);
		this.pinger.connect();
	}

	@Override
	public void ping(Tick tick) {
		this.pinger.emit(PING, tick);
	}

	@Override
	public void close() {
		this.pinger.close();
		this.ponger.close();
		this.server.close();
	}
}
