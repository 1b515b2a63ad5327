package io.aiodistbus.event;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for event ids, drawn from {@link ThreadLocalRandom}.
 * <p>
 * Event ids must be unique, not unguessable: {@link UUID#randomUUID()} pays for a
 * {@code SecureRandom} on every call, which would dominate the cost of a local emit.
 */
public final class EventIds {

	private EventIds() {
	}

	/** Returns the most significant bits of a new version 4 UUID; pair with {@link #leastSignificantBits()}. */
	static long mostSignificantBits() {
		return (ThreadLocalRandom.current().nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
	}

	/** Returns the least significant bits of a new version 4 (IETF variant) UUID. */
	static long leastSignificantBits() {
		return (ThreadLocalRandom.current().nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
	}

	/**
	 * Returns a new random version 4 UUID as its canonical 36-character text.
	 * @return a new event id
	 */
	public static String next() {
		return new UUID(mostSignificantBits(), leastSignificantBits()).toString();
	}
}
