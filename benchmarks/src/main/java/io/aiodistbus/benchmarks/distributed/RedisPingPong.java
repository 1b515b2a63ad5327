package io.aiodistbus.benchmarks.distributed;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import redis.clients.jedis.Jedis;

import io.aiodistbus.benchmarks.Tick;

/**
 * Ping-pong through a redis-server by pub/sub: the ponger's subscriber decodes each ping and publishes
 * a new pong with the same tick on a second connection (a subscribed one cannot publish). Each publish
 * is sent at once and waits for its reply, as a lone message is sent with Jedis.
 */
public final class RedisPingPong implements PingPong {

	private static final byte[] PING_CHANNEL = PING.getBytes(StandardCharsets.UTF_8);

	private static final byte[] PONG_CHANNEL = PONG.getBytes(StandardCharsets.UTF_8);

	private final RedisServer server = new RedisServer();

	private Jedis pongPublisher;

	private RedisSubscriber pongerSubscriber;

	private Jedis pingPublisher;

	private RedisSubscriber pingerSubscriber;

	@Override
	public String name() {
		return RedisTopology.NAME;
	}

	@Override
	public void start(Consumer<Tick> pongs) {
		Jedis pongPublisher = this.server.connect();
		this.pongPublisher = pongPublisher;
		this.pongerSubscriber = new RedisSubscriber(this.server.connect(), PING,
				(json) -> pongPublisher.publish(PONG_CHANNEL, TickJson.encode(TickJson.decode(json))));
		this.pingPublisher = this.server.connect();
		this.pingerSubscriber = new RedisSubscriber(this.server.connect(), PONG,
				(json) -> pongs.accept(TickJson.decode(json)));
	}

	@Override
	public void ping(Tick tick) {
		this.pingPublisher.publish(PING_CHANNEL, TickJson.encode(tick));
	}

	@Override
	public void close() {
		if (this.pingerSubscriber != null) {
			this.pingerSubscriber.close();
			this.pingPublisher.close();
		}
		if (this.pongerSubscriber != null) {
			this.pongerSubscriber.close();
			this.pongPublisher.close();
		}
		this.server.close();
	}
}
