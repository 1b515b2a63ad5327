package io.aiodistbus.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.aiodistbus.DropReason;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.Event;
import io.aiodistbus.event.ReservedTopics;

/**
 * An event as the three frames of a ZeroMQ message: topic (the event type, UTF-8, for SUB prefix
 * filtering), event JSON, and the JSON's CRC-32.
 * <p>
 * Decoding takes the frames as the socket returned them and copies nothing but the payload bytes
 * out of the JSON. Its checks run cheapest first, and each failure carries its {@link DropReason}:
 * <ol>
 * <li>the checksum, since a corrupt frame makes every later check meaningless;</li>
 * <li>strict UTF-8 (Jackson tolerates some malformed sequences);</li>
 * <li>the JSON and its keys;</li>
 * <li>the topic frame against the JSON's type. A mismatch is rejected rather than trusted either
 * way: subscribers filter on the topic and handlers dispatch on the type, so a message whose two
 * disagree would reach handlers that never subscribed to it. Python peers always send the type as
 * the topic.</li>
 * </ol>
 */
public final class EventFrames {

	/** The number of frames of an event message; a Python peer breaks on any other count. */
	public static final int FRAME_COUNT = 3;

	private EventFrames() {
	}

	/**
	 * Encodes an event. An event with neither payload nor dtype is written with {@code data} and
	 * {@code dtype} {@code null}, as the broker's pulse and close are; otherwise the payload is
	 * encoded, under the event's dtype or, when it has none, the one the codec gives it.
	 * @param event the event
	 * @param codec the payload codec
	 * @return the frames topic, JSON, checksum
	 * @throws io.aiodistbus.codec.PayloadCodecException if the payload cannot be encoded
	 */
	public static byte[][] encode(Event event, PayloadCodec codec) {
		Object data = event.data();
		String dtype = event.dtype();
		byte[] payload = null;
		if (data != null || dtype != null) {
			payload = codec.encode(data);
			if (dtype == null) {
				dtype = codec.dtypeOf(data);
			}
		}
		return frames(event.type(), payload, dtype, event.id(), event.timestampText());
	}

	/**
	 * Encodes a bus control event (pulse or close) with a new id and the current time: {@code data}
	 * and {@code dtype} {@code null}, as the Python broker sends them.
	 * @param type a reserved type, such as {@link ReservedTopics#PULSE}
	 * @return the frames topic, JSON, checksum
	 * @throws IllegalArgumentException if the type is not reserved
	 */
	public static byte[][] reserved(String type) {
		if (!ReservedTopics.isReserved(type)) {
			throw new IllegalArgumentException("'" + type + "' is not a reserved event type");
		}
		Event control = Event.of(type, null, null);
		return frames(type, null, null, control.id(), control.timestampText());
	}

	/**
	 * Decodes the three frames of an event.
	 * @param topic the topic frame
	 * @param json the event JSON frame
	 * @param crc the checksum frame
	 * @return the event, payload still encoded
	 * @throws WireFormatException if the frames are not a valid event
	 */
	public static WireEvent decode(byte[] topic, byte[] json, byte[] crc) {
		if (!Crc32s.verify(json, crc)) {
			throw new WireFormatException(DropReason.CHECKSUM, "checksum frame does not match the event JSON",
					text(topic), null);
		}
		// The fast reader accepts only ASCII, so what it reads needs no UTF-8 check.
		WireEvent event = FastEventJsonReader.read(json);
		if (event == null) {
			if (!isUtf8(json)) {
				throw new WireFormatException(DropReason.UTF8, "event JSON is not valid UTF-8", text(topic), null);
			}
			event = EventJson.readWithJackson(json);
		}
		if (!matches(topic, event.type())) {
			throw new WireFormatException(DropReason.TOPIC_MISMATCH,
					"topic frame '" + text(topic) + "' differs from the event type", event.type(), null);
		}
		return event;
	}

	private static byte[][] frames(String type, byte[] data, String dtype, String id, String timestamp) {
		byte[] json = EventJson.write(type, data, dtype, id, timestamp);
		return new byte[][] { type.getBytes(StandardCharsets.UTF_8), json, Crc32s.checksum(json) };
	}

	/** Both sides write escaped ASCII JSON, so the decoder only runs for foreign JSON. */
	private static boolean isUtf8(byte[] json) {
		return Utf8.isValid(json, 0, json.length);
	}

	/** Compares without encoding the type when it is ASCII, as event types nearly always are. */
	private static boolean matches(byte[] topic, String type) {
		if (topic.length != type.length()) {
			return Arrays.equals(topic, type.getBytes(StandardCharsets.UTF_8));
		}
		for (int i = 0; i < topic.length; i++) {
			char c = type.charAt(i);
			if (c >= 0x80 || topic[i] != (byte) c) {
				return Arrays.equals(topic, type.getBytes(StandardCharsets.UTF_8));
			}
		}
		return true;
	}

	private static String text(byte[] frame) {
		return (frame != null) ? new String(frame, StandardCharsets.UTF_8) : null;
	}
}
