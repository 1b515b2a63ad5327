package io.aiodistbus.benchmarks.distributed;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

import io.aiodistbus.benchmarks.Tick;

/**
 * Publisher -> redis-server -> receivers, by Redis pub/sub through Jedis: the publisher publishes each
 * tick's JSON on the channel {@link Tick#TYPE}, and each receiver, on a connection of its own,
 * decodes it to the record on its subscriber thread.
 * <p>
 * A Jedis {@code publish} waits for Redis's reply, which would hold the publisher to one tick per
 * loopback round trip while our client, PUSH and jnats all publish without waiting. The publisher
 * therefore pipelines: it reads the replies every {@value #BATCH} publishes, or once the oldest
 * unread one is {@value #BATCH_MICROS} us old, so that a paced tick is not held back for long.
 */
public final class RedisTopology implements Topology {

	/** The name in the results table. */
	public static final String NAME = "Redis pub/sub (Jedis)";

	private static final int BATCH = 128;

	private static final long BATCH_MICROS = 1000;

	private final RedisServer server = new RedisServer();

	/** @return whether the server is installed, without which this contender cannot run */
	public static boolean installed() {
		return ServerProcess.find(RedisServer.EXECUTABLE).isPresent();
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Publisher publisher() {
		Jedis connection = this.server.connect();
		Pipeline pipeline = connection.pipelined();
		return new Publisher() {

			private int pending;

			private long oldest;

			@Override
			public void send(String type, Tick tick) {
				long now = System.nanoTime();
				if (this.pending == 0) {
					this.oldest = now;
				}
				pipeline.publish(type.getBytes(StandardCharsets.UTF_8), TickJson.encode(tick));
				this.pending++;
				if (this.pending >= BATCH || now - this.oldest >= TimeUnit.MICROSECONDS.toNanos(BATCH_MICROS)) {
					flush();
				}
			}

			@Override
			public void flush() {
				pipeline.sync();
				this.pending = 0;
			}

			@Override
			public void close() {
				flush();
				pipeline.close();
				connection.close();
			}
		};
	}

	@Override
	public AutoCloseable receiver(Consumer<Tick> sink) {
		return new RedisSubscriber(this.server.connect(), Tick.TYPE, (json) -> sink.accept(TickJson.decode(json)));
	}

	@Override
	public void close() {
		this.server.close();
	}
}
