package io.aiodistbus.distributed;

/**
 * What a client does with an incoming event when its handlers are so far behind that its inbound
 * queue is full.
 */
public enum OverflowPolicy {

	/**
	 * Stop reading the socket until there is room. Nothing is lost in the client; the broker's
	 * publish queue for this client fills instead and, past its high-water mark, ZeroMQ drops there
	 * (seen by the receiver as sequence gaps).
	 */
	BLOCK,

	/** Drop the incoming event and count it. */
	DROP_NEWEST,

	/** Drop the oldest queued event to make room, and count it. */
	DROP_OLDEST
}
