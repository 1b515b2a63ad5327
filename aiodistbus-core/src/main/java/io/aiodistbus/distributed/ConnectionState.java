package io.aiodistbus.distributed;

/**
 * Where a {@link DEntryPoint} stands with its broker.
 */
public enum ConnectionState {

	/** Created; {@code connect} not called yet. */
	NEW,

	/** Handshaking with the broker and proving the subscription path, first time or after a disruption. */
	CONNECTING,

	/** Handshake done, subscriptions live, pulses arriving. */
	CONNECTED,

	/** The broker went away (no pulse in time, the connection dropped, or it announced its close). */
	DISRUPTED,

	/** Closed for good, by the application or after a disruption with reconnect off. */
	CLOSED
}
