package io.aiodistbus.internal.wire;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import io.aiodistbus.DropReason;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.Event;

/**
 * An event as the JSON frame carries it, payload still encoded and timestamp still text, so that
 * a broker can check and route it without decoding anything, and a client decodes the payload only
 * for the handler that wants it, to the type that handler asks for.
 *
 * @param type the event type
 * @param data the encoded payload, {@code null} for pulse and close
 * @param dtype the payload's dtype, {@code null} for pulse and close
 * @param id the event id
 * @param timestamp the wire timestamp text, such as {@code 2026-11-28T12:00:00.123456}
 * @param source the publisher's id from the {@code src} key our clients add, {@code null} when absent
 * @param sequence the publisher's sequence number for this type from the {@code seq} key, 0 when absent
 * @param headers the event's headers, unmodifiable, empty when it has none
 */
public record WireEvent(String type, byte[] data, String dtype, String id, String timestamp, String source,
		long sequence, Map<String, String> headers) {

	/**
	 * Checks the required fields.
	 * @param type the event type
	 * @param data the encoded payload, may be {@code null}
	 * @param dtype the payload's dtype, may be {@code null}
	 * @param id the event id
	 * @param timestamp the wire timestamp text
	 */
	public WireEvent {
		Objects.requireNonNull(type, "type must not be null");
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(timestamp, "timestamp must not be null");
		Objects.requireNonNull(headers, "headers must not be null");
	}

	/**
	 * An event without headers.
	 * @param type the event type
	 * @param data the encoded payload, may be {@code null}
	 * @param dtype the payload's dtype, may be {@code null}
	 * @param id the event id
	 * @param timestamp the wire timestamp text
	 * @param source the publisher's id, or {@code null}
	 * @param sequence the publisher's sequence number
	 */
	public WireEvent(String type, byte[] data, String dtype, String id, String timestamp, String source,
			long sequence) {
		this(type, data, dtype, id, timestamp, source, sequence, Map.of());
	}

	/**
	 * An event without publisher stamp, as Python peers and the broker send them.
	 * @param type the event type
	 * @param data the encoded payload, may be {@code null}
	 * @param dtype the payload's dtype, may be {@code null}
	 * @param id the event id
	 * @param timestamp the wire timestamp text
	 */
	public WireEvent(String type, byte[] data, String dtype, String id, String timestamp) {
		this(type, data, dtype, id, timestamp, null, 0);
	}

	/**
	 * Parses the timestamp.
	 * @return the event's time
	 * @throws WireFormatException ({@link DropReason#JSON}) if the text is not an ISO-8601 local date-time
	 */
	public Instant instant() {
		try {
			return Event.parseTimestamp(this.timestamp);
		}
		catch (DateTimeParseException ex) {
			throw new WireFormatException(DropReason.JSON, "timestamp '" + this.timestamp + "' is not ISO-8601",
					this.type, ex);
		}
	}

	/**
	 * Builds the event with the payload still encoded: each handler's converter decodes it straight to
	 * the class that handler asks for, and {@link Event#data()} to its natural type (a
	 * {@code RawPayload} when the dtype is unknown), each at most once.
	 * @param codec the codec to decode with
	 * @return the event
	 * @throws WireFormatException ({@link DropReason#JSON}) if the timestamp is not ISO-8601
	 */
	public Event toEvent(PayloadCodec codec) {
		return Event.received(this.type, codec.onDemand(this.data, this.dtype, this.type, this.id), this.dtype,
				this.id, instant(), this.headers);
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof WireEvent that && this.type.equals(that.type)
				&& Arrays.equals(this.data, that.data) && Objects.equals(this.dtype, that.dtype)
				&& this.id.equals(that.id) && this.timestamp.equals(that.timestamp)
				&& Objects.equals(this.source, that.source) && this.sequence == that.sequence
				&& this.headers.equals(that.headers));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.type, Arrays.hashCode(this.data), this.dtype, this.id, this.timestamp, this.source,
				this.sequence, this.headers);
	}

	@Override
	public String toString() {
		return "WireEvent[type=" + this.type + ", id=" + this.id + ", dtype=" + this.dtype + ", timestamp="
				+ this.timestamp + ", data=" + ((this.data != null) ? "byte[" + this.data.length + "]" : "null")
				+ ((this.source != null) ? ", src=" + this.source + ", seq=" + this.sequence : "")
				+ (this.headers.isEmpty() ? "" : ", headers=" + this.headers) + "]";
	}
}
