package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DEntryPoint} connects and watches its broker. Immutable; start from
 * {@link #defaults()} or {@link #builder()}, and derive changed copies with {@link #toBuilder()} (or
 * a {@code withX} method for one value). Each default is a public {@code DEFAULT_*} constant.
 * <p>
 * The canonical constructor checks every value, so each instance, however made, is valid. An
 * invalid value throws {@link IllegalArgumentException} ({@link NullPointerException} for a missing
 * one) whose message starts with the component's name, for example {@code "inboundCapacity must be
 * at least 1, was 0"}.
 *
 * @param pulseCheckInterval how often the client checks that a broker pulse arrived since the last
 * check (Python's {@code pulse_ttl}; default 50 s)
 * @param pulseLimit how many failed checks in a row are tolerated before the broker counts as gone
 * (Python's default, {@value #DEFAULT_PULSE_LIMIT})
 * @param reconnect whether the client reconnects by itself after a disruption; without, it closes as
 * Python's client does
 * @param connectTimeout how long {@link DEntryPoint#connect(String, int)} waits
 * @param inboundCapacity how many received events may wait for the handlers
 * @param overflowPolicy what happens to an event that finds the inbound queue full
 * @param pushHighWaterMark how many outgoing messages ZeroMQ queues before emits are dropped; 0 for
 * no limit
 * @param closeFlushTimeout how long {@link DEntryPoint#close()} lets queued outgoing events drain
 * @param security CurveZMQ keys for a broker that requires them; {@code null} (the default) for none
 * @param sendTimeout how long an emit waits for room when the outgoing queue is full before it drops
 * the event (and counts it); zero never waits
 * @param maxMessageSize the largest frame sent or received, in bytes, at most
 * {@link Integer#MAX_VALUE}: an emit of a larger event throws, and ZeroMQ drops the connection of a
 * broker that sends a larger one (the client then reconnects)
 * @param wireFormat the format the client prefers: {@link WireFormat#NATIVE} (the default) where the
 * broker speaks it, else Python's; {@link WireFormat#PYTHON} always speaks Python's
 * @param inlineDispatch whether an event that arrives alone may run its handlers on the client's I/O
 * thread, saving the hand-off to the dispatch thread (a round trip's largest cost on two cores) while
 * the handlers stay quick: off by default, since a handler that blocks then holds up the socket reads,
 * heartbeats included, for as long as it blocks (see {@link DEntryPoint})
 */
public record ClientOptions(Duration pulseCheckInterval, int pulseLimit, boolean reconnect, Duration connectTimeout,
		int inboundCapacity, OverflowPolicy overflowPolicy, int pushHighWaterMark, Duration closeFlushTimeout,
		ClientSecurity security, Duration sendTimeout, long maxMessageSize, WireFormat wireFormat,
		boolean inlineDispatch) {

	/** The default {@link #inlineDispatch()}: off, every event goes through the dispatch thread. */
	public static final boolean DEFAULT_INLINE_DISPATCH = false;

	/** The default {@link #wireFormat()}: native where the broker speaks it. */
	public static final WireFormat DEFAULT_WIRE_FORMAT = WireFormat.NATIVE;

	/** The default {@link #pulseCheckInterval()}, Python's {@code pulse_ttl}: 50 s. */
	public static final Duration DEFAULT_PULSE_CHECK_INTERVAL = Duration.ofSeconds(50);

	/** The default {@link #pulseLimit()}, Python's: {@value}. */
	public static final int DEFAULT_PULSE_LIMIT = 4;

	/** The default {@link #reconnect()}: {@value}. */
	public static final boolean DEFAULT_RECONNECT = true;

	/** The default {@link #connectTimeout()}: 30 s. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

	/** The default {@link #inboundCapacity()}: {@value}. */
	public static final int DEFAULT_INBOUND_CAPACITY = 100_000;

	/** The default {@link #overflowPolicy()}: {@link OverflowPolicy#BLOCK}, which loses nothing. */
	public static final OverflowPolicy DEFAULT_OVERFLOW_POLICY = OverflowPolicy.BLOCK;

	/** The default {@link #pushHighWaterMark()}: {@value}. */
	public static final int DEFAULT_PUSH_HIGH_WATER_MARK = 100_000;

	/** The default {@link #closeFlushTimeout()}: 1 s. */
	public static final Duration DEFAULT_CLOSE_FLUSH_TIMEOUT = Duration.ofSeconds(1);

	/** The default {@link #sendTimeout()}: 1 s. */
	public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(1);

	/** The default {@link #maxMessageSize()}, the broker's: {@value BrokerOptions#DEFAULT_MAX_MESSAGE_SIZE}. */
	public static final long DEFAULT_MAX_MESSAGE_SIZE = BrokerOptions.DEFAULT_MAX_MESSAGE_SIZE;

	private static final ClientOptions DEFAULTS = new Builder().build();

	/** Checks every value; the one place client options are validated. */
	public ClientOptions {
		requirePositive(pulseCheckInterval, "pulseCheckInterval");
		requirePositive(connectTimeout, "connectTimeout");
		requireNotNegative(closeFlushTimeout, "closeFlushTimeout");
		requireNotNegative(sendTimeout, "sendTimeout");
		Objects.requireNonNull(overflowPolicy, "overflowPolicy must not be null");
		Objects.requireNonNull(wireFormat, "wireFormat must not be null");
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

	private static void requireNotNegative(Duration value, String name) {
		Objects.requireNonNull(value, name + " must not be null");
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, was " + value);
		}
	}

	/**
	 * @return the {@code DEFAULT_*} values: Python's heartbeat (50 s, 4 checks), reconnect on, a 30 s
	 * connect timeout, an inbound queue of 100,000 that blocks the reader when full, a push high-water
	 * mark of 100,000, 1 s to wait for room on emit and to flush on close, no CURVE, and frames up to
	 * {@value #DEFAULT_MAX_MESSAGE_SIZE} bytes
	 */
	public static ClientOptions defaults() {
		return DEFAULTS;
	}

	/** @return a builder holding the {@linkplain #defaults() defaults} */
	public static Builder builder() {
		return new Builder();
	}

	/** @return a builder holding this instance's values, to build a changed copy */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * @return the {@link #pulseCheckInterval()}
	 * @deprecated the value is a check interval, not a time to live; use {@link #pulseCheckInterval()}
	 */
	@Deprecated
	public Duration pulseTtl() {
		return this.pulseCheckInterval;
	}

	/**
	 * @param value the pulse check interval
	 * @return a copy with it
	 * @deprecated use {@link #withPulseCheckInterval(Duration)}
	 */
	@Deprecated
	public ClientOptions withPulseTtl(Duration value) {
		return withPulseCheckInterval(value);
	}

	/**
	 * @param value the pulse check interval
	 * @return a copy with it
	 */
	public ClientOptions withPulseCheckInterval(Duration value) {
		return toBuilder().pulseCheckInterval(value).build();
	}

	/**
	 * @param value the tolerated failed checks
	 * @return a copy with it
	 */
	public ClientOptions withPulseLimit(int value) {
		return toBuilder().pulseLimit(value).build();
	}

	/**
	 * @param value whether to reconnect after a disruption
	 * @return a copy with it
	 */
	public ClientOptions withReconnect(boolean value) {
		return toBuilder().reconnect(value).build();
	}

	/**
	 * @param value how long connect waits
	 * @return a copy with it
	 */
	public ClientOptions withConnectTimeout(Duration value) {
		return toBuilder().connectTimeout(value).build();
	}

	/**
	 * @param capacity the inbound queue size
	 * @param policy what to do when full
	 * @return a copy with them
	 */
	public ClientOptions withInbound(int capacity, OverflowPolicy policy) {
		return toBuilder().inboundCapacity(capacity).overflowPolicy(policy).build();
	}

	/**
	 * @param value the push high-water mark
	 * @return a copy with it
	 */
	public ClientOptions withPushHighWaterMark(int value) {
		return toBuilder().pushHighWaterMark(value).build();
	}

	/**
	 * @param value how long close lets outgoing events drain
	 * @return a copy with it
	 */
	public ClientOptions withCloseFlushTimeout(Duration value) {
		return toBuilder().closeFlushTimeout(value).build();
	}

	/**
	 * @param value CurveZMQ keys, or {@code null} for none
	 * @return a copy with it
	 */
	public ClientOptions withSecurity(ClientSecurity value) {
		return toBuilder().security(value).build();
	}

	/**
	 * @param value how long an emit waits for room in a full outgoing queue; zero never waits
	 * @return a copy with it
	 */
	public ClientOptions withSendTimeout(Duration value) {
		return toBuilder().sendTimeout(value).build();
	}

	/**
	 * @param value the largest frame sent or received, in bytes; keep it at or below the broker's
	 * @return a copy with it
	 */
	public ClientOptions withMaxMessageSize(long value) {
		return toBuilder().maxMessageSize(value).build();
	}

	/**
	 * @param value the wire format the client prefers
	 * @return a copy with that format
	 */
	public ClientOptions withWireFormat(WireFormat value) {
		return toBuilder().wireFormat(value).build();
	}

	/**
	 * @param value whether an event that arrives alone may run its handlers on the I/O thread
	 * @return a copy with that setting
	 */
	public ClientOptions withInlineDispatch(boolean value) {
		return toBuilder().inlineDispatch(value).build();
	}

	/**
	 * Collects {@link ClientOptions} values, starting from the defaults or from an instance. Not
	 * thread-safe; {@link #build()} checks the values, the setters do not.
	 */
	public static final class Builder {

		private Duration pulseCheckInterval = DEFAULT_PULSE_CHECK_INTERVAL;

		private int pulseLimit = DEFAULT_PULSE_LIMIT;

		private boolean reconnect = DEFAULT_RECONNECT;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private int inboundCapacity = DEFAULT_INBOUND_CAPACITY;

		private OverflowPolicy overflowPolicy = DEFAULT_OVERFLOW_POLICY;

		private int pushHighWaterMark = DEFAULT_PUSH_HIGH_WATER_MARK;

		private Duration closeFlushTimeout = DEFAULT_CLOSE_FLUSH_TIMEOUT;

		private ClientSecurity security;

		private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;

		private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

		private WireFormat wireFormat = DEFAULT_WIRE_FORMAT;

		private boolean inlineDispatch = DEFAULT_INLINE_DISPATCH;

		private Builder() {
		}

		private Builder(ClientOptions options) {
			this.pulseCheckInterval = options.pulseCheckInterval;
			this.pulseLimit = options.pulseLimit;
			this.reconnect = options.reconnect;
			this.connectTimeout = options.connectTimeout;
			this.inboundCapacity = options.inboundCapacity;
			this.overflowPolicy = options.overflowPolicy;
			this.pushHighWaterMark = options.pushHighWaterMark;
			this.closeFlushTimeout = options.closeFlushTimeout;
			this.security = options.security;
			this.sendTimeout = options.sendTimeout;
			this.maxMessageSize = options.maxMessageSize;
			this.wireFormat = options.wireFormat;
			this.inlineDispatch = options.inlineDispatch;
		}

		/**
		 * @param value how often to check that a broker pulse arrived
		 * @return this builder
		 */
		public Builder pulseCheckInterval(Duration value) {
			this.pulseCheckInterval = value;
			return this;
		}

		/**
		 * @param value the failed pulse checks tolerated in a row
		 * @return this builder
		 */
		public Builder pulseLimit(int value) {
			this.pulseLimit = value;
			return this;
		}

		/**
		 * @param value whether to reconnect after a disruption
		 * @return this builder
		 */
		public Builder reconnect(boolean value) {
			this.reconnect = value;
			return this;
		}

		/**
		 * @param value how long connect waits for the broker
		 * @return this builder
		 */
		public Builder connectTimeout(Duration value) {
			this.connectTimeout = value;
			return this;
		}

		/**
		 * @param value how many received events may wait for the handlers
		 * @return this builder
		 */
		public Builder inboundCapacity(int value) {
			this.inboundCapacity = value;
			return this;
		}

		/**
		 * @param value what to do with an event that finds the inbound queue full
		 * @return this builder
		 */
		public Builder overflowPolicy(OverflowPolicy value) {
			this.overflowPolicy = value;
			return this;
		}

		/**
		 * @param value the outgoing messages ZeroMQ queues, 0 for no limit
		 * @return this builder
		 */
		public Builder pushHighWaterMark(int value) {
			this.pushHighWaterMark = value;
			return this;
		}

		/**
		 * @param value how long close lets outgoing events drain
		 * @return this builder
		 */
		public Builder closeFlushTimeout(Duration value) {
			this.closeFlushTimeout = value;
			return this;
		}

		/**
		 * @param value CurveZMQ keys, or {@code null} for none
		 * @return this builder
		 */
		public Builder security(ClientSecurity value) {
			this.security = value;
			return this;
		}

		/**
		 * @param value how long an emit waits for room, zero never
		 * @return this builder
		 */
		public Builder sendTimeout(Duration value) {
			this.sendTimeout = value;
			return this;
		}

		/**
		 * @param value the largest frame sent or received, in bytes
		 * @return this builder
		 */
		public Builder maxMessageSize(long value) {
			this.maxMessageSize = value;
			return this;
		}

		/**
		 * @param value the wire format the client prefers
		 * @return this builder
		 */
		public Builder wireFormat(WireFormat value) {
			this.wireFormat = value;
			return this;
		}

		/**
		 * @param value whether an event that arrives alone may run its handlers on the I/O thread
		 * @return this builder
		 */
		public Builder inlineDispatch(boolean value) {
			this.inlineDispatch = value;
			return this;
		}

		/**
		 * @return the options with the values set so far
		 * @throws IllegalArgumentException if a value is invalid, the message starting with its name
		 * @throws NullPointerException if a required value is {@code null}, likewise
		 */
		public ClientOptions build() {
			return new ClientOptions(this.pulseCheckInterval, this.pulseLimit, this.reconnect, this.connectTimeout,
					this.inboundCapacity, this.overflowPolicy, this.pushHighWaterMark, this.closeFlushTimeout,
					this.security, this.sendTimeout, this.maxMessageSize, this.wireFormat, this.inlineDispatch);
		}

	}
}
