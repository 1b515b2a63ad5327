package io.aiodistbus.benchmarks.distributed;

import java.util.List;

import redis.clients.jedis.Jedis;

/** A redis-server of its own for one run, without persistence, and connections to it. */
final class RedisServer implements AutoCloseable {

	/** The executable the Redis contenders need. */
	static final String EXECUTABLE = "redis-server";

	private final ServerProcess server = ServerProcess.start(EXECUTABLE, (port) -> List.of("--port",
			Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));

	/** @return a new connection */
	Jedis connect() {
		return new Jedis("127.0.0.1", this.server.port());
	}

	@Override
	public void close() {
		this.server.close();
	}
}
