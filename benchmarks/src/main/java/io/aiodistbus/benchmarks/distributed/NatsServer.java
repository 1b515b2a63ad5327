package io.aiodistbus.benchmarks.distributed;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

/** A nats-server of its own for one run, and connections to it, each as a separate process would have. */
final class NatsServer implements AutoCloseable {

	/** The executable the NATS contenders need. */
	static final String EXECUTABLE = "nats-server";

	private final ServerProcess server = ServerProcess.start(EXECUTABLE,
			(port) -> List.of("-a", "127.0.0.1", "-p", Integer.toString(port)));

	/** @return the server's address, for clients of their own */
	String url() {
		return "nats://127.0.0.1:" + this.server.port();
	}

	/** @return a new connection, which does not reconnect: the server lives exactly as long as the run */
	Connection connect() {
		Options options = Options.builder()
			.server(url())
			.connectionTimeout(Duration.ofSeconds(5))
			.noReconnect()
			.build();
		try {
			return Nats.connect(options);
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not connect to " + this.server, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while connecting to " + this.server, ex);
		}
	}

	/** Closes a connection of this server's. */
	static void close(Connection connection) {
		try {
			connection.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.close();
	}
}
