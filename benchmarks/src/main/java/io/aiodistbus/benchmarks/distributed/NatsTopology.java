package io.aiodistbus.benchmarks.distributed;

import java.util.function.Consumer;

import io.nats.client.Connection;

import io.aiodistbus.benchmarks.Tick;

/**
 * Publisher -> nats-server -> receivers, through the official client: the publisher publishes each
 * tick's JSON on the subject {@link Tick#TYPE}, and each receiver, on a connection of its own,
 * decodes it to the record on its dispatcher's thread. jnats publishes asynchronously (its writer
 * thread batches what the publisher queues), as our client and PUSH do.
 */
public final class NatsTopology implements Topology {

	/** The name in the results table. */
	public static final String NAME = "NATS (jnats)";

	private final NatsServer server = new NatsServer();

	/** @return whether the server is installed, without which this contender cannot run */
	public static boolean installed() {
		return ServerProcess.find(NatsServer.EXECUTABLE).isPresent();
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Publisher publisher() {
		Connection connection = this.server.connect();
		return new Publisher() {

			@Override
			public void send(String type, Tick tick) {
				connection.publish(type, TickJson.encode(tick));
			}

			@Override
			public void close() {
				NatsServer.close(connection);
			}
		};
	}

	@Override
	public AutoCloseable receiver(Consumer<Tick> sink) {
		Connection connection = this.server.connect();
		connection.createDispatcher((message) -> sink.accept(TickJson.decode(message.getData()))).subscribe(Tick.TYPE);
		return () -> NatsServer.close(connection);
	}

	@Override
	public void close() {
		this.server.close();
	}
}
