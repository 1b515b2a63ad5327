package io.aiodistbus.event;

/**
 * The event types the bus itself uses. Reserved types are never delivered to wildcard
 * subscriptions; only a handler registered for the exact type receives them.
 */
public final class ReservedTopics {

	/** Prefix shared by every reserved type. */
	public static final String PREFIX = "aiodistbus.eventbus.";

	/** The broker's heartbeat, published every pulse interval. */
	public static final String PULSE = PREFIX + "pulse";

	/** Announces that a bus is closing; entry points close themselves when they receive it. */
	public static final String CLOSE = PREFIX + "close";

	/**
	 * Prefix of the topics a client subscribes to, to prove its subscriptions live. The broker answers
	 * such a subscription on the handshake socket; no event of these types is ever published.
	 */
	public static final String PROBE_PREFIX = PREFIX + "probe.";

	/** Handshake request a client sends on its DEALER socket. */
	public static final String CONNECT = PREFIX + "connect";

	/** Handshake answer the broker sends on its ROUTER socket. */
	public static final String HANDSHAKE = PREFIX + "handshake";

	/**
	 * What a client sends before {@link #CONNECT} to offer the native wire format, and what a broker
	 * that speaks it answers before {@link #HANDSHAKE}, with its message size limit in a second frame;
	 * Python's broker ignores it. Version 2 reads batches of events as well as single ones: a broker
	 * leaves the offer of a peer that reads only single ones unanswered, so that peer speaks Python's
	 * format.
	 */
	public static final String NATIVE_OFFER = PREFIX + "native.2";

	/**
	 * Prefix of the reply types of requests: {@code <prefix><entry point id>.<n>}. Clients may publish
	 * these (they are replies); our broker relays them to Java clients only.
	 */
	public static final String REPLY_PREFIX = PREFIX + "reply.";

	/**
	 * Prefix of the topics that a client's consumer-group handler subscribes to instead of its pattern:
	 * {@code <prefix><client id>/<group>/<pattern>/}. Our broker reads them as joining the group, and
	 * sends each group's events to one member under such a topic; no Python peer ever sees them.
	 */
	public static final String MEMBER_PREFIX = PREFIX + "member.";

	private ReservedTopics() {
	}

	/**
	 * Whether the type is reserved by the bus.
	 * @param type an event type
	 * @return {@code true} for types under {@value #PREFIX}
	 */
	public static boolean isReserved(String type) {
		return type.startsWith(PREFIX);
	}

	/**
	 * Whether the topic is a client's subscription probe.
	 * @param type a topic
	 * @return {@code true} for types under {@value #PROBE_PREFIX}
	 */
	public static boolean isProbe(String type) {
		return type.startsWith(PROBE_PREFIX);
	}

	/**
	 * Whether the type is the reply type of a request.
	 * @param type a topic
	 * @return {@code true} for types under {@value #REPLY_PREFIX}
	 */
	public static boolean isReply(String type) {
		return type.startsWith(REPLY_PREFIX);
	}
}
