package io.aiodistbus.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.nats.NatsEntryPoint;
import io.aiodistbus.nats.NatsOptions;
import io.aiodistbus.nats.NatsServerProcess;

/**
 * The distributed transports an application chooses between by its configuration alone, for tests that
 * run one scenario, the same code, on each: an application is put on a {@link #start() started} server
 * by the server's {@link Server#properties() properties} and nothing else, as a service switched from
 * {@code mode: client} to {@code mode: nats} would be.
 */
public enum BusTransport {

	/** 'client' mode: a {@link DEntryPoint} on our ZeroMQ broker, a {@link DEventBus} in this JVM. */
	CLIENT("aiodistbus.client") {
		@Override
		public Server start() {
			return new Broker();
		}

		@Override
		public boolean isDeliveryPaused(EntryPoint entryPoint) {
			return ((DEntryPoint) entryPoint).isDeliveryPaused();
		}
	},

	/** 'nats' mode: a {@link NatsEntryPoint} on a real nats-server in a process of its own. */
	NATS("aiodistbus.nats") {
		@Override
		public Server start() {
			return new Nats();
		}

		@Override
		public boolean isDeliveryPaused(EntryPoint entryPoint) {
			return ((NatsEntryPoint) entryPoint).isDeliveryPaused();
		}
	};

	/** Generous, for a loaded machine: connecting waits this long for the server. */
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

	private final String prefix;

	BusTransport(String prefix) {
		this.prefix = prefix;
	}

	/**
	 * @param property a property of the connection in this transport's mode, without its prefix, with or
	 * without a value: {@code fail-fast=false}
	 * @return the property with its prefix: {@code aiodistbus.client.fail-fast=false},
	 * {@code aiodistbus.nats.fail-fast=false}
	 */
	public String property(String property) {
		return this.prefix + "." + property;
	}

	/** @return a server of this transport on a free loopback port, which the caller closes */
	public abstract Server start();

	/**
	 * @param entryPoint an application's entry point in this transport's mode
	 * @return whether it stopped delivering to its handlers, the first step of a graceful shutdown
	 */
	public abstract boolean isDeliveryPaused(EntryPoint entryPoint);

	/** A server that applications meet on. */
	public interface Server extends AutoCloseable {

		/** @return the properties that put an application on this server, its mode among them */
		List<String> properties();

		/** @return the loopback port applications connect to */
		int port();

		/** @return an entry point of another service, connected to this server; the caller closes it */
		EntryPoint connect();

		/** Ends the server as a crash would; {@link #restart()} brings it back on the same port. */
		void stop();

		/** Starts the server again on its port, after {@link #stop()}. */
		void restart();

		/** Ends the server. Idempotent. */
		@Override
		void close();

	}

	private static final class Broker implements Server {

		private final int port;

		private DEventBus broker = new DEventBus();

		Broker() {
			this.port = this.broker.port();
		}

		@Override
		public List<String> properties() {
			return List.of("aiodistbus.mode=client", "aiodistbus.client.host=127.0.0.1",
					"aiodistbus.client.port=" + this.port, "aiodistbus.client.connect-timeout=" + CONNECT_TIMEOUT);
		}

		@Override
		public int port() {
			return this.port;
		}

		@Override
		public EntryPoint connect() {
			DEntryPoint client = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(CONNECT_TIMEOUT));
			client.connect("127.0.0.1", this.port);
			return client;
		}

		@Override
		public void stop() {
			this.broker.close();
		}

		@Override
		public void restart() {
			this.broker = new DEventBus("127.0.0.1", this.port);
		}

		@Override
		public void close() {
			this.broker.close();
		}

	}

	private static final class Nats implements Server {

		private final NatsServerProcess server = NatsServerProcess.start();

		@Override
		public List<String> properties() {
			return List.of("aiodistbus.mode=nats", "aiodistbus.nats.servers=" + this.server.url(),
					"aiodistbus.nats.connect-timeout=" + CONNECT_TIMEOUT);
		}

		@Override
		public int port() {
			return this.server.port();
		}

		@Override
		public EntryPoint connect() {
			NatsEntryPoint entryPoint = new NatsEntryPoint(
					NatsOptions.builder().servers(this.server.url()).connectTimeout(CONNECT_TIMEOUT).build());
			entryPoint.connect();
			return entryPoint;
		}

		@Override
		public void stop() {
			this.server.kill();
		}

		@Override
		public void restart() {
			this.server.restart();
		}

		@Override
		public void close() {
			this.server.close();
		}

	}

}
