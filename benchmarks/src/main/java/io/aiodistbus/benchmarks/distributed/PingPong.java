package io.aiodistbus.benchmarks.distributed;

import java.util.function.Consumer;

import io.aiodistbus.benchmarks.Tick;

/**
 * Two clients through one broker: the pinger sends {@code bench.ping}, the ponger answers each with a
 * {@code bench.pong} carrying the same tick, and the pinger's receiver hands the pong to a sink.
 */
public interface PingPong extends AutoCloseable {

	/** The ping event type. */
	String PING = "bench.ping";

	/** The pong event type. */
	String PONG = "bench.pong";

	/** @return the name in the results table */
	String name();

	/**
	 * Connects both clients; pongs go to the sink on the pinger's receiving thread.
	 * @param pongs what receives the pongs
	 */
	void start(Consumer<Tick> pongs);

	/**
	 * Sends a ping; call from the thread that called {@link #start}.
	 * @param tick the tick, whose {@code sentNanos} times the round trip
	 */
	void ping(Tick tick);

	@Override
	void close();
}
