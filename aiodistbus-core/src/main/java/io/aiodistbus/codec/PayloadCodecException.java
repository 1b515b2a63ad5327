package io.aiodistbus.codec;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A payload could not be converted between bytes and the Java type at hand. The message names the
 * event, the dtype and the Java type, since the usual cause is a Java class and a Python dataclass
 * that disagree on their fields.
 */
public class PayloadCodecException extends RuntimeException {

	private final String dtype;

	private final Class<?> javaType;

	private final String eventType;

	private final String eventId;

	private PayloadCodecException(String message, String dtype, Class<?> javaType, String eventType, String eventId,
			Throwable cause) {
		super(message, cause);
		this.dtype = dtype;
		this.javaType = javaType;
		this.eventType = eventType;
		this.eventId = eventId;
	}

	static PayloadCodecException decoding(String dtype, Class<?> target, String eventType, String eventId,
			Throwable cause) {
		String event = (eventType != null) ? " of event '" + eventType + "' (id " + eventId + ")" : "";
		return new PayloadCodecException("Cannot decode payload" + event + " with dtype '" + dtype + "' to "
				+ target.getName() + ": " + describe(cause), dtype, target, eventType, eventId, cause);
	}

	static PayloadCodecException encoding(Class<?> source, Throwable cause) {
		return new PayloadCodecException("Cannot encode payload of " + source.getName() + ": " + describe(cause),
				null, source, null, null, cause);
	}

	private static String describe(Throwable cause) {
		if (cause instanceof JsonProcessingException json) {
			return json.getOriginalMessage();
		}
		// a PayloadMapper's own IOException carries a message meant for this one
		return (cause instanceof IOException && cause.getMessage() != null) ? cause.getMessage() : cause.toString();
	}

	/** @return the payload's dtype, {@code null} when encoding */
	public String dtype() {
		return this.dtype;
	}

	/** @return the class decoded to, or the class of the payload being encoded */
	public Class<?> javaType() {
		return this.javaType;
	}

	/** @return the type of the event carrying the payload, or {@code null} when not known */
	public String eventType() {
		return this.eventType;
	}

	/** @return the id of the event carrying the payload, or {@code null} when not known */
	public String eventId() {
		return this.eventId;
	}
}
