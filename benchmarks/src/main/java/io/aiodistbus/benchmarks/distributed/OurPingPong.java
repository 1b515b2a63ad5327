package io.aiodistbus.benchmarks.distributed;

import java.util.function.Consumer;

import io.aiodistbus.benchmarks.Tick;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;

/** Ping-pong through our broker: the ponger's handler emits the pong from its dispatch thread. */
public final class OurPingPong implements PingPong {

	private final OurVariant variant;

	private final DEventBus broker;

	private final DEntryPoint pinger;

	private final DEntryPoint ponger;

	/** A ping-pong with default options. */
	public OurPingPong() {
		this(OurVariant.NATIVE);
	}

	/**
	 * A ping-pong set up as the variant says.
	 * @param variant the variant
	 */
	public OurPingPong(OurVariant variant) {
		OurVariant.Setup setup = variant.setup();
		this.variant = variant;
		this.broker = new DEventBus(setup.broker());
		this.pinger = new DEntryPoint(setup.client());
		this.ponger = new DEntryPoint(setup.client());
	}

	@Override
	public String name() {
		return this.variant.label();
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
