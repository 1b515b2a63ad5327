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
	 * Prefix of the probe events a client pushes through the broker to prove its subscriptions live;
	 * the only reserved events a broker accepts from clients.
	 */
	public static final String PROBE_PREFIX = PREFIX + "probe.";

	/** Handshake request a client sends on its DEALER socket. */
	public static final String CONNECT = PREFIX + "connect";

	/** Handshake answer the broker sends on its ROUTER socket. */
	public static final String HANDSHAKE = PREFIX + "handshake";

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
	 * Whether the type is a client's subscription probe.
	 * @param type an event type
	 * @return {@code true} for types under {@value #PROBE_PREFIX}
	 */
	public static boolean isProbe(String type) {
		return type.startsWith(PROBE_PREFIX);
	}
}
