package io.aiodistbus.nats;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.aiodistbus.event.ReservedTopics;
import io.aiodistbus.internal.wire.NativeFrame;
import io.nats.client.Connection;

/**
 * Writes events as native frames, stamped with the publisher's id and its next sequence number for the
 * type, and publishes them. One lock keeps the numbers in publish order, so that receivers can tell a
 * gap from a reordering.
 */
final class Outgoing {

	private final String source;

	private final Subjects subjects;

	private final Map<String, long[]> sequences = new HashMap<>();

	/**
	 * @param source the publisher's id, stamped on every frame
	 * @param subjects the subject of each type
	 */
	Outgoing(String source, Subjects subjects) {
		this.source = source;
		this.subjects = subjects;
	}

	/**
	 * @param connection where to publish
	 * @param type the event type
	 * @param data the encoded payload
	 * @param dtype its dtype
	 * @param id the event id
	 * @param timestamp the wire timestamp text
	 * @param headers the event's headers
	 * @param replySubject the subject NATS answers on when nobody subscribes to the event's, for a
	 * request; {@code null} for other events
	 * @throws IllegalArgumentException if the frame is larger than the server takes; its number is not spent
	 * @throws IllegalStateException if jnats cannot take it (closed, or its reconnect buffer full); its
	 * number is spent, so receivers count it as lost
	 */
	void publish(Connection connection, String type, byte[] data, String dtype, String id, String timestamp,
			Map<String, String> headers, String replySubject) {
		String subject = this.subjects.subject(type);
		byte[] topic = type.getBytes(StandardCharsets.UTF_8);
		long maxPayload = connection.getMaxPayload();
		synchronized (this) {
			// a reply type is used once: numbering it would keep an entry per request answered, for nothing,
			// as nobody counts the loss of replies
			long[] last = ReservedTopics.isReply(type) ? new long[1]
					: this.sequences.computeIfAbsent(type, (key) -> new long[1]);
			byte[] frame = NativeFrame.write(topic, data, dtype, id, timestamp, this.source, last[0] + 1, headers);
			if (maxPayload > 0 && frame.length > maxPayload) {
				throw new IllegalArgumentException("Event '" + type + "' is " + frame.length
						+ " bytes on the wire, more than the NATS server's max_payload of " + maxPayload);
			}
			last[0]++;
			connection.publish(subject, replySubject, frame);
		}
	}
}
