package io.aiodistbus.benchmarks.distributed;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A Redis connection subscribed to one channel on a thread of its own (a subscribed connection does
 * nothing else), handing each message's bytes to a sink on that thread.
 */
final class RedisSubscriber implements AutoCloseable {

	private final Jedis connection;

	private final BinaryJedisPubSub subscription;

	private final Thread thread;

	/**
	 * @param connection the connection to subscribe on, closed with this
	 * @param channel the channel
	 * @param sink what receives each message's bytes
	 */
	RedisSubscriber(Jedis connection, String channel, Consumer<byte[]> sink) {
		this.connection = connection;
		this.subscription = new BinaryJedisPubSub() {

			@Override
			public void onMessage(byte[] channel, byte[] message) {
				sink.accept(message);
			}
		};
		this.thread = new Thread(() -> {
			try {
				connection.subscribe(this.subscription, channel.getBytes(StandardCharsets.UTF_8));
			}
			catch (JedisException ex) {
				// a subscriber Redis disconnects (its output buffer limit) loses the rest, which the tracker counts
				System.err.println("Redis subscriber on " + channel + " ended: " + ex);
			}
		}, "bench-redis-sub");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void close() {
		try {
			// until the subscription is confirmed, unsubscribe has nothing to end: retry until the thread ends
			while (this.thread.isAlive()) {
				if (this.subscription.isSubscribed()) {
					this.subscription.unsubscribe();
				}
				this.thread.join(50);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.connection.close();
		}
	}
}
