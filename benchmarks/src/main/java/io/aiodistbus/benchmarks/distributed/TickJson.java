package io.aiodistbus.benchmarks.distributed;

import io.aiodistbus.benchmarks.Tick;
import io.aiodistbus.codec.PayloadCodec;

/**
 * A tick as the JSON of its record, for the brokers that carry a bare payload under a subject or
 * channel (NATS, Redis): written and read by the shared codec our clients and the JeroMQ baselines
 * use for an event's data, so that every receiver does the same decoding to the record.
 */
final class TickJson {

	private static final PayloadCodec CODEC = PayloadCodec.shared();

	private static final String DTYPE = CODEC.dtypeOf(Tick.of(0, 0, 0));

	private TickJson() {
	}

	/** @return the tick's JSON bytes */
	static byte[] encode(Tick tick) {
		return CODEC.encode(tick);
	}

	/** @return the tick the JSON bytes hold */
	static Tick decode(byte[] json) {
		return CODEC.decode(json, DTYPE, Tick.class);
	}
}
