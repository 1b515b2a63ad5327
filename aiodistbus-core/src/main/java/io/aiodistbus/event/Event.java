package io.aiodistbus.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One event on the bus: an immutable value of type, payload, payload type name, id and time.
 * <p>
 * The {@linkplain #data() payload} is whatever object was emitted on a local bus. An event received
 * from the distributed bus carries the decoded payload when its {@linkplain #dtype() dtype} names a
 * known type, and otherwise a {@link io.aiodistbus.codec.RawPayload} with the bytes as they came.
 * <p>
 * The id is a version 4 UUID; it is generated lazily from two random longs, so an event whose id is
 * never read costs no string formatting. Times are UTC, truncated to microseconds, as Python writes
 * them.
 */
public final class Event {

	private final String type;

	private final Object data;

	private final String dtype;

	private final long idMsb;

	private final long idLsb;

	private String id;

	private final Instant timestamp;

	private Event(String type, Object data, String dtype, String id, long idMsb, long idLsb, Instant timestamp) {
		this.type = Objects.requireNonNull(type, "type must not be null");
		this.data = data;
		this.dtype = dtype;
		this.id = id;
		this.idMsb = idMsb;
		this.idLsb = idLsb;
		this.timestamp = Objects.requireNonNull(timestamp, "timestamp must not be null");
	}

	/**
	 * Creates an event with a new id and the current time.
	 * @param type the event type
	 * @param data the payload, may be {@code null}
	 * @param dtype the payload's wire type name, may be {@code null}
	 * @return the new event
	 */
	public static Event of(String type, Object data, String dtype) {
		return new Event(type, data, dtype, null, EventIds.mostSignificantBits(), EventIds.leastSignificantBits(),
				now());
	}

	/**
	 * Creates an event with the given id (or a new one when {@code id} is {@code null}) and the current time.
	 * @param type the event type
	 * @param data the payload, may be {@code null}
	 * @param dtype the payload's wire type name, may be {@code null}
	 * @param id the event id, or {@code null} for a new one
	 * @return the new event
	 */
	public static Event of(String type, Object data, String dtype, String id) {
		return (id != null) ? new Event(type, data, dtype, id, 0, 0, now()) : of(type, data, dtype);
	}

	/**
	 * Creates an event with every field given, as a decoder does.
	 * @param type the event type
	 * @param data the payload, may be {@code null}
	 * @param dtype the payload's wire type name, may be {@code null}
	 * @param id the event id
	 * @param timestamp the time the event was created
	 * @return the event
	 */
	public static Event of(String type, Object data, String dtype, String id, Instant timestamp) {
		return new Event(type, data, dtype, Objects.requireNonNull(id, "id must not be null"), 0, 0,
				timestamp.truncatedTo(ChronoUnit.MICROS));
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * Returns a copy of this event with another payload (same type, id and time), as a
	 * receiver does once it has decoded the payload.
	 * @param newData the payload
	 * @param newDtype the payload's wire type name
	 * @return the copy
	 */
	public Event withData(Object newData, String newDtype) {
		return new Event(this.type, newData, newDtype, id(), 0, 0, this.timestamp);
	}

	/** @return the event type, such as {@code chat.message} */
	public String type() {
		return this.type;
	}

	/** @return the payload, or {@code null} for an event without one */
	public Object data() {
		return this.data;
	}

	/** @return the payload's wire type name (such as {@code builtins.str}), or {@code null} */
	public String dtype() {
		return this.dtype;
	}

	/** @return the event id, a version 4 UUID string */
	public String id() {
		String result = this.id;
		if (result == null) {
			result = new UUID(this.idMsb, this.idLsb).toString();
			this.id = result;
		}
		return result;
	}

	/** @return the creation time, UTC, microsecond precision */
	public Instant timestamp() {
		return this.timestamp;
	}

	/** @return the creation time as the wire writes it: ISO-8601 without zone, six fraction digits */
	public String timestampText() {
		return WireTimestamps.format(this.timestamp);
	}

	/**
	 * Parses a wire timestamp: ISO-8601 local date-time taken as UTC, with or without fraction
	 * (Python omits it when the microseconds are zero).
	 * @param text the timestamp text
	 * @return the instant
	 */
	public static Instant parseTimestamp(String text) {
		return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof Event that)) {
			return false;
		}
		return this.type.equals(that.type) && id().equals(that.id()) && Objects.equals(this.dtype, that.dtype)
				&& this.timestamp.equals(that.timestamp) && Objects.deepEquals(this.data, that.data);
	}

	@Override
	public int hashCode() {
		return id().hashCode();
	}

	@Override
	public String toString() {
		return "Event[type=" + this.type + ", id=" + id() + ", dtype=" + this.dtype + ", timestamp="
				+ timestampText() + ", data=" + describe(this.data) + "]";
	}

	private static String describe(Object data) {
		if (data instanceof byte[] bytes) {
			return "byte[" + bytes.length + "]";
		}
		String text = String.valueOf(data);
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}
}
