package io.aiodistbus.benchmarks.distributed;

import java.util.function.Consumer;

import io.aiodistbus.benchmarks.Tick;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;

/** Ping-pong through our broker: the ponger's handler emits the pong from its dispatch thread. */
public final class OurPingPong implements PingPong {

	private final DEventBus broker = new DEventBus();

	private final DEntryPoint pinger = new DEntryPoint();

	private final DEntryPoint ponger = new DEntryPoint();

	@Override
	public String name() {
		return "aiodistbus";
	}

	@Override
	public void start(Consumer<Tick> pongs) {
		this.ponger.on(PING, Tick.class, (tick) -> this.ponger.emit(PONG, tick));
		this.ponger.connect("127.0.0.1", this.broker.port());
		this.pinger.on(PONG, Tick.class, pongs);
		this.pinger.connect("127.0.0.1", this.broker.port());
	}

	@Override
	public void ping(Tick tick) {
		this.pinger.emit(PING, tick);
	}

	@Override
	public void close() {
		this.pinger.close();
		this.ponger.close();
		this.broker.close();
	}
}
