package io.aiodistbus.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * One event on the bus: an immutable value of type, payload, payload type name, id, time and headers.
 * <p>
 * The {@linkplain #data() payload} is whatever object was emitted on a local bus. An event received
 * from the distributed bus keeps the payload {@linkplain #encodedData() encoded} and decodes it on
 * demand: to the class each handler asks for, and to its natural type (the registered class of its
 * {@linkplain #dtype() dtype}, or a {@link io.aiodistbus.codec.RawPayload} with the bytes as they came
 * when the dtype names no known type) when {@link #data()} is read.
 * <p>
 * The id is a version 4 UUID; it is generated lazily from two random longs, so an event whose id is
 * never read costs no string formatting. Times are UTC, truncated to microseconds, as Python writes
 * them.
 */
public final class Event {

	private final String type;

	private final Object data;

	private final EncodedPayload encoded;

	private String dtype;

	private final Function<Object, String> dtypeNamer;

	private final long idMsb;

	private final long idLsb;

	private String id;

	private final long epochSecond;

	private final int micros;

	private final Map<String, String> headers;

	private Event(String type, Object data, String dtype, Function<Object, String> dtypeNamer, String id, long idMsb,
			long idLsb, Instant timestamp) {
		this(type, data, null, dtype, dtypeNamer, id, idMsb, idLsb, timestamp, Map.of());
	}

	private Event(String type, Object data, EncodedPayload encoded, String dtype, Function<Object, String> dtypeNamer,
			String id, long idMsb, long idLsb, Instant timestamp, Map<String, String> headers) {
		this.type = Objects.requireNonNull(type, "type must not be null");
		this.data = data;
		this.encoded = encoded;
		this.dtype = dtype;
		this.dtypeNamer = dtypeNamer;
		this.id = id;
		this.idMsb = idMsb;
		this.idLsb = idLsb;
		this.epochSecond = timestamp.getEpochSecond();
		this.micros = timestamp.getNano() / 1_000;
		this.headers = headers;
	}

	/**
	 * Creates an event with a new id and the current time.
	 * @param type the event type
	 * @param data the payload, may be {@code null}
	 * @param dtype the payload's wire type name, may be {@code null}
	 * @return the new event
	 */
	public static Event of(String type, Object data, String dtype) {
		return new Event(type, data, dtype, null, null, EventIds.mostSignificantBits(),
				EventIds.leastSignificantBits(), Instant.now());
	}

	/**
	 * Creates an event as an entry point emits it: the payload's dtype is named only when someone asks
	 * for it (a local delivery seldom does), and the id is generated when none is given.
	 * @param type the event type
	 * @param data the payload, may be {@code null}
	 * @param dtypeNamer names the payload's dtype on first use
	 * @param id the event id, or {@code null} for a new one
	 * @return the new event
	 */
	public static Event emitted(String type, Object data, Function<Object, String> dtypeNamer, String id) {
		return emitted(type, data, dtypeNamer, id, Map.of());
	}

	/**
	 * Creates an event as an entry point emits it, with headers.
	 * @param type the event type
	 * @param data the payload, may be {@code null}
	 * @param dtypeNamer names the payload's dtype on first use
	 * @param id the event id, or {@code null} for a new one
	 * @param headers the headers, copied; names and values must not be {@code null}
	 * @return the new event
	 */
	public static Event emitted(String type, Object data, Function<Object, String> dtypeNamer, String id,
			Map<String, String> headers) {
		Map<String, String> copy = copyOf(headers);
		return (id != null) ? new Event(type, data, null, null, dtypeNamer, id, 0, 0, Instant.now(), copy)
				: new Event(type, data, null, null, dtypeNamer, null, EventIds.mostSignificantBits(),
						EventIds.leastSignificantBits(), Instant.now(), copy);
	}

	private static Map<String, String> copyOf(Map<String, String> headers) {
		if (headers.isEmpty()) {
			return Map.of();
		}
		Map<String, String> copy = new LinkedHashMap<>();
		headers.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "header name must not be null"),
				Objects.requireNonNull(value, () -> "header '" + name + "' must not be null")));
		return Collections.unmodifiableMap(copy);
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
		return (id != null) ? new Event(type, data, dtype, null, id, 0, 0, Instant.now()) : of(type, data, dtype);
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
		return new Event(type, data, dtype, null, Objects.requireNonNull(id, "id must not be null"), 0, 0, timestamp);
	}

	/**
	 * Creates a received event whose payload is decoded on demand.
	 * @param type the event type
	 * @param encoded the payload as it came, {@code null} for an event without data
	 * @param dtype the payload's wire type name, may be {@code null}
	 * @param id the event id
	 * @param timestamp the time the event was created
	 * @return the event
	 */
	public static Event received(String type, EncodedPayload encoded, String dtype, String id, Instant timestamp) {
		return received(type, encoded, dtype, id, timestamp, Map.of());
	}

	/**
	 * Creates a received event with headers, whose payload is decoded on demand.
	 * @param type the event type
	 * @param encoded the payload as it came, {@code null} for an event without data
	 * @param dtype the payload's wire type name, may be {@code null}
	 * @param id the event id
	 * @param timestamp the time the event was created
	 * @param headers the headers as they came, unmodifiable
	 * @return the event
	 */
	public static Event received(String type, EncodedPayload encoded, String dtype, String id, Instant timestamp,
			Map<String, String> headers) {
		return new Event(type, null, encoded, dtype, null, Objects.requireNonNull(id, "id must not be null"), 0, 0,
				timestamp, headers);
	}

	/** @return the event type, such as {@code chat.message} */
	public String type() {
		return this.type;
	}

	/**
	 * Returns the payload; for a received event, decoded to its natural type on first use.
	 * @return the payload, or {@code null} for an event without one
	 * @throws io.aiodistbus.codec.PayloadCodecException if a received payload does not fit its dtype
	 */
	public Object data() {
		return (this.encoded != null) ? this.encoded.decode() : this.data;
	}

	/**
	 * Returns the payload of a received event as it came, for a converter that decodes it straight to
	 * the class a handler asks for.
	 * @return the encoded payload, or {@code null} for an event emitted in this JVM or without payload
	 */
	public EncodedPayload encodedData() {
		return this.encoded;
	}

	/** @return the payload's wire type name (such as {@code builtins.str}), or {@code null} */
	public String dtype() {
		String result = this.dtype;
		if (result == null && this.dtypeNamer != null) {
			result = this.dtypeNamer.apply(this.data);
			this.dtype = result;
		}
		return result;
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

	/**
	 * Returns the headers: names and values its emitter set, such as trace context, carried with the
	 * event across the bus in both wire formats.
	 * @return the headers, unmodifiable, empty when there are none
	 */
	public Map<String, String> headers() {
		return this.headers;
	}

	/** @return the creation time, UTC, microsecond precision */
	public Instant timestamp() {
		return Instant.ofEpochSecond(this.epochSecond, this.micros * 1_000L);
	}

	/** @return the creation time as the wire writes it: ISO-8601 without zone, six fraction digits */
	public String timestampText() {
		return WireTimestamps.format(this.epochSecond, this.micros);
	}

	/**
	 * Parses a wire timestamp: ISO-8601 local date-time taken as UTC, with or without fraction
	 * (Python omits it when the microseconds are zero).
	 * @param text the timestamp text
	 * @return the instant
	 */
	public static Instant parseTimestamp(String text) {
		Instant instant = WireTimestamps.parse(text);
		return (instant != null) ? instant
				: LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof Event that)) {
			return false;
		}
		return this.type.equals(that.type) && id().equals(that.id()) && Objects.equals(dtype(), that.dtype())
				&& this.epochSecond == that.epochSecond && this.micros == that.micros && Objects.deepEquals(data(), that.data());
	}

	@Override
	public int hashCode() {
		return id().hashCode();
	}

	@Override
	public String toString() {
		return "Event[type=" + this.type + ", id=" + id() + ", dtype=" + dtype() + ", timestamp="
				+ timestampText() + (this.headers.isEmpty() ? "" : ", headers=" + this.headers) + ", data="
				+ describeData() + "]";
	}

	private String describeData() {
		try {
			return describe(data());
		}
		catch (RuntimeException ex) {
			// a log line about an event whose payload is broken must still be written
			return "<undecodable payload>";
		}
	}

	private static String describe(Object data) {
		if (data instanceof byte[] bytes) {
			return "byte[" + bytes.length + "]";
		}
		String text = String.valueOf(data);
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}
}
