package io.aiodistbus.benchmarks.distributed;

import java.util.function.Consumer;

import io.aiodistbus.benchmarks.Tick;

/**
 * A way to get ticks from one publisher to many receivers: our broker and clients, a bare JeroMQ
 * baseline, or another broker (NATS, Redis). The JeroMQ ones carry the same three frames (topic,
 * event JSON, CRC-32) made by our wire codec, and every receiver decodes them to the record, so that
 * the figures differ only by what sits between the sockets; the other brokers carry the tick's JSON
 * alone (see {@link TickJson}), which every receiver decodes with the same codec.
 */
public interface Topology extends AutoCloseable {

	/** @return the name in the results table */
	String name();

	/**
	 * Opens the publisher. JeroMQ sockets belong to one thread: call this on the thread that sends,
	 * and close the publisher there.
	 * @return the publisher
	 */
	Publisher publisher();

	/**
	 * Opens a receiver of {@link Tick#TYPE}, which hands each tick to the sink on a thread of its own.
	 * @param sink what receives the ticks
	 * @return the receiver, to close
	 */
	AutoCloseable receiver(Consumer<Tick> sink);

	@Override
	void close();

	/** Sends ticks. */
	interface Publisher extends AutoCloseable {

		/**
		 * Sends a tick as an event of {@code type}.
		 * @param type the event type
		 * @param tick the payload
		 */
		void send(String type, Tick tick);

		/**
		 * Hands over whatever {@link #send} still buffers; the run calls it after its last send. Most
		 * publishers hand over each tick as it is sent, and need do nothing.
		 */
		default void flush() {
		}

		@Override
		void close();
	}
}
