package io.aiodistbus.internal.wire;

import io.aiodistbus.DropReason;

/**
 * An incoming message does not follow the wire protocol. Receivers drop such a message and count
 * it under its {@linkplain #reason() reason}; they do not close the connection, since one corrupt
 * message says nothing about the next.
 */
public class WireFormatException extends RuntimeException {

	private final DropReason reason;

	private final String eventType;

	/**
	 * Creates an exception.
	 * @param reason why the message is dropped
	 * @param message what was wrong
	 * @param eventType the event type from the JSON, else from the topic frame, or {@code null}
	 * @param cause the underlying failure, or {@code null}
	 */
	public WireFormatException(DropReason reason, String message, String eventType, Throwable cause) {
		super(reason.tag() + ": " + message + ((eventType != null) ? " (event type '" + eventType + "')" : ""),
				cause);
		this.reason = reason;
		this.eventType = eventType;
	}

	/** @return why the message is dropped */
	public DropReason reason() {
		return this.reason;
	}

	/** @return the event type as far as it could be read, or {@code null} */
	public String eventType() {
		return this.eventType;
	}
}
