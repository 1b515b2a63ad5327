package io.aiodistbus.nats;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.aiodistbus.event.ReservedTopics;
import io.aiodistbus.internal.wire.NativeBatch;
import io.aiodistbus.internal.wire.NativeFrame;
import io.aiodistbus.internal.wire.Outbox;
import io.nats.client.Connection;

/**
 * Writes events as native frames, stamped with the publisher's id and its next sequence number for the
 * type, and publishes them: each on its own while emits are sparse, in batches of one type while they
 * come in bursts ({@link Outbox}), which spares jnats and the server most of their cost per message.
 * The window is wider than the ZeroMQ client's: what an event costs here beyond its bytes is mostly the
 * wake-ups of threads (the flusher's, jnats' writer's, the receiver's dispatcher's), one per message,
 * and on two virtual cores each costs several microseconds; in a burst an event waits at most about
 * {@link #BURST_GAP_NANOS} for its batch, a sparse emit not at all.
 * One lock keeps the numbers in publish order, so that receivers can tell a gap from a reordering,
 * and guards the outbox.
 */
final class Outgoing {

	/** Emits closer together than this are a burst; measured against 50 us, it halved the CPU of flushing. */
	static final long BURST_GAP_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

	/** Room for a batch of the most events a batch holds ({@link NativeBatch#MAX_EVENTS}) of a few hundred bytes. */
	static final int MAX_BATCH_BYTES = 48 * 1024;

	private final String source;

	private final Subjects subjects;

	private final Map<String, long[]> sequences = new HashMap<>();

	private final Outbox outbox;

	private Connection connection;

	private long maxPayload;

	private boolean closed;

	/** Why jnats refused the message sent last, if it did. */
	private String refusal;

	/**
	 * @param source the publisher's id, stamped on every frame
	 * @param subjects the subject of each type
	 * @param refused hears of the events of a batch jnats did not take
	 * @param threadName the name of the thread that sends the batches of a burst
	 */
	Outgoing(String source, Subjects subjects, Outbox.Refused refused, String threadName) {
		this.source = source;
		this.subjects = subjects;
		this.outbox = new Outbox(this, this::send, refused, threadName, System::nanoTime, BURST_GAP_NANOS,
				MAX_BATCH_BYTES);
	}

	/**
	 * Publishes on a connection from now on; called once, before the first event.
	 * @param connected the connection, which jnats keeps over reconnects
	 */
	synchronized void start(Connection connected) {
		this.connection = connected;
		this.maxPayload = connected.getMaxPayload();
		if (this.maxPayload > 0) {
			this.outbox.limit(this.maxPayload);
		}
		this.outbox.start();
	}

	/**
	 * @param type the event type
	 * @param data the encoded payload
	 * @param dtype its dtype
	 * @param id the event id
	 * @param timestamp the wire timestamp text
	 * @param headers the event's headers
	 * @param replySubject the subject NATS answers on when nobody subscribes to the event's, for a
	 * request, which then goes out on its own; {@code null} for other events
	 * @throws IllegalArgumentException if the frame is larger than the server takes; its number is not spent
	 * @throws IllegalStateException if jnats cannot take it (closed, or its reconnect buffer full); its
	 * number is spent, so receivers count it as lost
	 */
	void publish(String type, byte[] data, String dtype, String id, String timestamp, Map<String, String> headers,
			String replySubject) {
		byte[] topic = type.getBytes(StandardCharsets.UTF_8);
		synchronized (this) {
			if (this.closed) {
				throw new IllegalStateException("closed");
			}
			// a reply type is used once: numbering it would keep an entry per request answered, for nothing,
			// as nobody counts the loss of replies
			long[] last = ReservedTopics.isReply(type) ? new long[1]
					: this.sequences.computeIfAbsent(type, (key) -> new long[1]);
			byte[] frame = NativeFrame.write(topic, data, dtype, id, timestamp, this.source, last[0] + 1, headers);
			if (this.maxPayload > 0 && frame.length > this.maxPayload) {
				throw new IllegalArgumentException("Event '" + type + "' is " + frame.length
						+ " bytes on the wire, more than the NATS server's max_payload of " + this.maxPayload);
			}
			last[0]++;
			if (replySubject != null) {
				this.outbox.flush();
				this.connection.publish(this.subjects.subject(type), replySubject, frame);
			}
			else if (!this.outbox.offer(topic, frame)) {
				throw new IllegalStateException(this.refusal);
			}
		}
	}

	/** Sends what a burst collected and stops the thread that sends batches; events after it are refused. */
	synchronized void close() {
		this.closed = true;
		this.outbox.close();
	}

	/** Under the lock: one message, an event or a batch, on its type's subject. */
	private boolean send(byte[] message) {
		String type = new String(message, 0, NativeBatch.typeLength(message), StandardCharsets.UTF_8);
		try {
			this.connection.publish(this.subjects.subject(type), message);
			return true;
		}
		catch (IllegalStateException ex) {
			this.refusal = ex.getMessage();
			return false;
		}
	}
}
