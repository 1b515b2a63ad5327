package io.aiodistbus.benchmarks.distributed;

import io.aiodistbus.distributed.DEventBus;

/**
 * Where bare JeroMQ clients push events and subscribe: the {@link BareRelay}, or our broker, whose
 * PULL and PUB accept any well-formed event without a handshake. Bare clients on our broker separate
 * the broker's cost from the client's.
 */
interface Broker extends AutoCloseable {

	/** @return the port clients PUSH to */
	int pullPort();

	/** @return the port clients SUB from */
	int pubPort();

	@Override
	void close();

	/** @return our broker, on free loopback ports */
	static Broker ours() {
		DEventBus broker = new DEventBus();
		return new Broker() {

			@Override
			public int pullPort() {
				return broker.port() + 2;
			}

			@Override
			public int pubPort() {
				return broker.port() + 1;
			}

			@Override
			public void close() {
				broker.close();
			}
		};
	}
}
