package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DEntryPoint} connects and watches its broker. Immutable; start from
 * {@link #defaults()}.
 *
 * @param pulseTtl how often the client checks that a broker pulse arrived (Python's default, 50 s)
 * @param pulseLimit how many failed checks in a row are tolerated before the broker counts as gone
 * (Python's default, 4)
 * @param reconnect whether the client reconnects by itself after a disruption; without, it closes as
 * Python's client does
 * @param connectTimeout how long {@link DEntryPoint#connect(String, int)} waits
 * @param inboundCapacity how many received events may wait for the handlers
 * @param overflowPolicy what happens to an event that finds the inbound queue full
 * @param pushHighWaterMark how many outgoing messages ZeroMQ queues before emits are dropped
 * @param closeFlushTimeout how long {@link DEntryPoint#close()} lets queued outgoing events drain
 * @param security CurveZMQ keys for a broker that requires them; {@code null} (the default) for none
 * @param sendTimeout how long an emit waits for room when the outgoing queue is full before it drops
 * the event (and counts it); zero never waits
 * @param maxMessageSize the largest frame sent or received, in bytes, at most
 * {@link Integer#MAX_VALUE}: an emit of a larger event throws, and ZeroMQ drops the connection of a
 * broker that sends a larger one (the client then reconnects)
 */
public record ClientOptions(Duration pulseTtl, int pulseLimit, boolean reconnect, Duration connectTimeout,
		int inboundCapacity, OverflowPolicy overflowPolicy, int pushHighWaterMark, Duration closeFlushTimeout,
		ClientSecurity security, Duration sendTimeout, long maxMessageSize) {

	/** The default {@link #maxMessageSize()}, the broker's: {@value BrokerOptions#DEFAULT_MAX_MESSAGE_SIZE}. */
	public static final long DEFAULT_MAX_MESSAGE_SIZE = BrokerOptions.DEFAULT_MAX_MESSAGE_SIZE;

	/** Checks every value. */
	public ClientOptions {
		requirePositive(pulseTtl, "pulseTtl");
		requirePositive(connectTimeout, "connectTimeout");
		Objects.requireNonNull(closeFlushTimeout, "closeFlushTimeout must not be null");
		Objects.requireNonNull(sendTimeout, "sendTimeout must not be null");
		if (sendTimeout.isNegative()) {
			throw new IllegalArgumentException("sendTimeout must not be negative, was " + sendTimeout);
		}
		Objects.requireNonNull(overflowPolicy, "overflowPolicy must not be null");
		if (pulseLimit < 0) {
			throw new IllegalArgumentException("pulseLimit must not be negative, was " + pulseLimit);
		}
		if (inboundCapacity < 1) {
			throw new IllegalArgumentException("inboundCapacity must be at least 1, was " + inboundCapacity);
		}
		if (pushHighWaterMark < 0) {
			throw new IllegalArgumentException("pushHighWaterMark must not be negative, was " + pushHighWaterMark);
		}
		BrokerOptions.requireMessageSize(maxMessageSize);
	}

	private static void requirePositive(Duration value, String name) {
		Objects.requireNonNull(value, name + " must not be null");
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

	/**
	 * @return Python's heartbeat defaults (50 s, 4 checks), reconnect on, a 30 s connect timeout, an
	 * inbound queue of 100,000 that blocks the reader when full, a push high-water mark of 100,000, 1 s
	 * to flush on close, no CURVE, and frames up to {@value #DEFAULT_MAX_MESSAGE_SIZE} bytes
	 */
	public static ClientOptions defaults() {
		return new ClientOptions(Duration.ofSeconds(50), 4, true, Duration.ofSeconds(30), 100_000,
				OverflowPolicy.BLOCK, 100_000, Duration.ofSeconds(1), null, Duration.ofSeconds(1),
				DEFAULT_MAX_MESSAGE_SIZE);
	}

	/** @param value the pulse check interval @return a copy with it */
	public ClientOptions withPulseTtl(Duration value) {
		return new ClientOptions(value, this.pulseLimit, this.reconnect, this.connectTimeout, this.inboundCapacity,
				this.overflowPolicy, this.pushHighWaterMark, this.closeFlushTimeout, this.security, this.sendTimeout,
				this.maxMessageSize);
	}

	/** @param value the tolerated failed checks @return a copy with it */
	public ClientOptions withPulseLimit(int value) {
		return new ClientOptions(this.pulseTtl, value, this.reconnect, this.connectTimeout, this.inboundCapacity,
				this.overflowPolicy, this.pushHighWaterMark, this.closeFlushTimeout, this.security, this.sendTimeout,
				this.maxMessageSize);
	}

	/** @param value whether to reconnect after a disruption @return a copy with it */
	public ClientOptions withReconnect(boolean value) {
		return new ClientOptions(this.pulseTtl, this.pulseLimit, value, this.connectTimeout, this.inboundCapacity,
				this.overflowPolicy, this.pushHighWaterMark, this.closeFlushTimeout, this.security, this.sendTimeout,
				this.maxMessageSize);
	}

	/** @param value how long connect waits @return a copy with it */
	public ClientOptions withConnectTimeout(Duration value) {
		return new ClientOptions(this.pulseTtl, this.pulseLimit, this.reconnect, value, this.inboundCapacity,
				this.overflowPolicy, this.pushHighWaterMark, this.closeFlushTimeout, this.security, this.sendTimeout,
				this.maxMessageSize);
	}

	/** @param capacity the inbound queue size @param policy what to do when full @return a copy with them */
	public ClientOptions withInbound(int capacity, OverflowPolicy policy) {
		return new ClientOptions(this.pulseTtl, this.pulseLimit, this.reconnect, this.connectTimeout, capacity, policy,
				this.pushHighWaterMark, this.closeFlushTimeout, this.security, this.sendTimeout,
				this.maxMessageSize);
	}

	/** @param value the push high-water mark @return a copy with it */
	public ClientOptions withPushHighWaterMark(int value) {
		return new ClientOptions(this.pulseTtl, this.pulseLimit, this.reconnect, this.connectTimeout,
				this.inboundCapacity, this.overflowPolicy, value, this.closeFlushTimeout, this.security, this.sendTimeout,
				this.maxMessageSize);
	}

	/** @param value how long close lets outgoing events drain @return a copy with it */
	public ClientOptions withCloseFlushTimeout(Duration value) {
		return new ClientOptions(this.pulseTtl, this.pulseLimit, this.reconnect, this.connectTimeout,
				this.inboundCapacity, this.overflowPolicy, this.pushHighWaterMark, value, this.security, this.sendTimeout,
				this.maxMessageSize);
	}

	/**
	 * @param value CurveZMQ keys, or {@code null} for none
	 * @return a copy with it
	 */
	public ClientOptions withSecurity(ClientSecurity value) {
		return new ClientOptions(this.pulseTtl, this.pulseLimit, this.reconnect, this.connectTimeout,
				this.inboundCapacity, this.overflowPolicy, this.pushHighWaterMark, this.closeFlushTimeout, value,
				this.sendTimeout, this.maxMessageSize);
	}

	/**
	 * @param value how long an emit waits for room in a full outgoing queue; zero never waits
	 * @return a copy with it
	 */
	public ClientOptions withSendTimeout(Duration value) {
		return new ClientOptions(this.pulseTtl, this.pulseLimit, this.reconnect, this.connectTimeout,
				this.inboundCapacity, this.overflowPolicy, this.pushHighWaterMark, this.closeFlushTimeout, this.security,
				value, this.maxMessageSize);
	}

	/**
	 * @param value the largest frame sent or received, in bytes; keep it at or below the broker's
	 * @return a copy with it
	 */
	public ClientOptions withMaxMessageSize(long value) {
		return new ClientOptions(this.pulseTtl, this.pulseLimit, this.reconnect, this.connectTimeout,
				this.inboundCapacity, this.overflowPolicy, this.pushHighWaterMark, this.closeFlushTimeout, this.security,
				this.sendTimeout, value);
	}
}
