package io.aiodistbus;

import java.util.Locale;

/**
 * Why an incoming message was dropped rather than delivered; the {@linkplain #tag() tag} labels
 * drop counters, so that a misbehaving peer shows up as one kind of drop.
 */
public enum DropReason {

	/** The message was neither three frames (Python's format) nor one native frame. */
	FRAME_COUNT,

	/** The CRC-32 frame did not match the event JSON. */
	CHECKSUM,

	/** The event JSON was not valid UTF-8. */
	UTF8,

	/** The event JSON was malformed or lacked a required key. */
	JSON,

	/** A native frame's envelope was malformed: a length past its end, a missing field. */
	MALFORMED,

	/** The payload could not be decoded to the handler's type. */
	PAYLOAD,

	/** The message exceeded the configured size limit. */
	OVERSIZE,

	/** The topic frame differed from the event type in the JSON. */
	TOPIC_MISMATCH,

	/** A peer sent a reserved event type it may not send. */
	RESERVED,

	/** A receiver's queue was full. */
	QUEUE_FULL;

	private final String tag = name().toLowerCase(Locale.ROOT);

	/** @return the lowercase name, such as {@code checksum}, for metric tags */
	public String tag() {
		return this.tag;
	}
}
