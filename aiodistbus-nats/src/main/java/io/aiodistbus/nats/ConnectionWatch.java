package io.aiodistbus.nats;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.internal.dispatch.LogThrottle;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;

/**
 * jnats's connection events and the trouble it handled itself, passed on as what the entry point acts on:
 * a lost server, a reconnect, a connection jnats closed for good, a slow consumer. Runs on jnats's
 * threads.
 */
final class ConnectionWatch implements ConnectionListener, ErrorListener {

	private static final Logger logger = LoggerFactory.getLogger(NatsEntryPoint.class);

	private final Object owner;

	private final Runnable disconnected;

	private final Consumer<String> reconnected;

	private final Consumer<Connection> closed;

	private final Runnable slowConsumer;

	private final LogThrottle slowConsumerLog = new LogThrottle(10_000_000_000L, 1);

	/**
	 * @param owner the entry point, as log lines name it
	 * @param disconnected told of every disconnect jnats reports, failed reconnect attempts included
	 * @param reconnected told of each reconnect, with the server's URL
	 * @param closed told when jnats closed a connection for good, with the connection: a failed attempt's too
	 * @param slowConsumer told of each slow consumer report
	 */
	ConnectionWatch(Object owner, Runnable disconnected, Consumer<String> reconnected, Consumer<Connection> closed,
			Runnable slowConsumer) {
		this.owner = owner;
		this.disconnected = disconnected;
		this.reconnected = reconnected;
		this.closed = closed;
		this.slowConsumer = slowConsumer;
	}

	@Override
	public void connectionEvent(Connection connection, ConnectionListener.Events event) {
		switch (event) {
			case DISCONNECTED -> this.disconnected.run();
			case RECONNECTED -> this.reconnected.accept(connection.getConnectedUrl());
			case CLOSED -> this.closed.accept(connection);
			case LAME_DUCK -> logger.info("{}: the NATS server at {} is shutting down (lame duck)", this.owner,
					connection.getConnectedUrl());
			default -> {
			}
		}
	}

	@Override
	public void slowConsumerDetected(Connection connection, io.nats.client.Consumer consumer) {
		this.slowConsumer.run();
		if (this.slowConsumerLog.admit() > 0) {
			logger.warn("{}: slow consumer, the handlers fall behind; NATS drops what exceeds the inbound capacity "
					+ "(counted as queue_full)", this.owner);
		}
	}

	@Override
	public void exceptionOccurred(Connection connection, Exception exception) {
		logger.debug("{}: jnats reported {}", this.owner, exception.toString());
	}

	@Override
	public void errorOccurred(Connection connection, String error) {
		logger.warn("{}: the NATS server reported: {}", this.owner, error);
	}

	/**
	 * @param options the entry point's options
	 * @param watch the listener of the connection
	 * @return jnats's options for them
	 */
	static io.nats.client.Options jnatsOptions(NatsOptions options, ConnectionWatch watch) {
		io.nats.client.Options.Builder builder = io.nats.client.Options.builder()
			.servers(options.servers().toArray(new String[0]))
			.connectionTimeout(options.connectTimeout())
			.reconnectWait(options.reconnectWait())
			.connectionListener(watch)
			.errorListener(watch);
		if (options.reconnect()) {
			builder.maxReconnects(-1);
		}
		else {
			builder.noReconnect();
		}
		if (options.connectionName() != null) {
			builder.connectionName(options.connectionName());
		}
		if (options.credentials() != null) {
			options.credentials().applyTo(builder);
		}
		if (options.sslContext() != null) {
			builder.sslContext(options.sslContext());
		}
		return builder.build();
	}
}
