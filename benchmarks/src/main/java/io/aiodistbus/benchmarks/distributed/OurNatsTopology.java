package io.aiodistbus.benchmarks.distributed;

import java.util.function.Consumer;

import io.aiodistbus.benchmarks.Tick;
import io.aiodistbus.nats.NatsEntryPoint;
import io.aiodistbus.nats.NatsOptions;

/**
 * Our bus on NATS ({@code aiodistbus-nats}): the same publisher and receivers as {@link OurTopology},
 * each a {@link NatsEntryPoint} on a connection of its own to a nats-server this topology starts, so
 * that its cost over plain jnats ({@link NatsTopology}) shows in one run.
 */
public final class OurNatsTopology implements Topology {

	/** The name in the results table. */
	public static final String NAME = "aiodistbus on NATS";

	private final NatsServer server = new NatsServer();

	@Override
	public String name() {
		return NAME;
	}

	private NatsEntryPoint entryPoint() {
		return new NatsEntryPoint(NatsOptions.defaults().withServers(this.server.url()));
	}

	@Override
	public Publisher publisher() {
		NatsEntryPoint publisher = entryPoint();
		publisher.connect();
		return new Publisher() {

			@Override
			public void send(String type, Tick tick) {
				publisher.emit(type, tick);
			}

			@Override
			public void close() {
				publisher.close();
			}
		};
	}

	@Override
	public AutoCloseable receiver(Consumer<Tick> sink) {
		NatsEntryPoint receiver = entryPoint();
		receiver.on(Tick.TYPE, Tick.class, sink);
		receiver.connect();
		return receiver;
	}

	@Override
	public void close() {
		this.server.close();
	}
}
