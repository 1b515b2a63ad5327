package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DEventBus} broker binds and behaves. Immutable; start from {@link #defaults()} or
 * {@link #builder()}, and derive changed copies with {@link #toBuilder()} (or a {@code withX} method
 * for one value). Each default is a public {@code DEFAULT_*} constant.
 * <p>
 * The canonical constructor checks every value, so each instance, however made, is valid. An
 * invalid value throws {@link IllegalArgumentException} ({@link NullPointerException} for a missing
 * one) whose message starts with the component's name, for example {@code "pulse must be positive,
 * was PT0S"}.
 *
 * @param host the address to bind: a host name, an IPv4 address, or an IPv6 address with or
 * without brackets ({@code ::1}, {@code [::1]}); {@value #DEFAULT_HOST} by default
 * @param port the first of three consecutive ports; 0 (the default) picks free ones
 * @param pulse how often the broker publishes its heartbeat (Python's default, 15 s)
 * @param publishHighWaterMark how many messages the PUB socket queues per slow subscriber before it
 * drops; 0 for no limit
 * @param maxMessageSize the largest frame accepted from a client, in bytes, at most
 * {@link Integer#MAX_VALUE}; ZeroMQ drops the connection of a client that sends a larger one
 * @param security CurveZMQ encryption and client authentication; {@code null} (the default) for none
 */
public record BrokerOptions(String host, int port, Duration pulse, int publishHighWaterMark, long maxMessageSize,
		BrokerSecurity security) {

	/** The default {@link #host()}: {@value}, loopback only. */
	public static final String DEFAULT_HOST = "127.0.0.1";

	/** The default {@link #port()}: {@value}, free ports. */
	public static final int DEFAULT_PORT = 0;

	/** The default {@link #pulse()}, Python's: 15 s. */
	public static final Duration DEFAULT_PULSE = Duration.ofSeconds(15);

	/** The default {@link #publishHighWaterMark()}: {@value}. */
	public static final int DEFAULT_PUBLISH_HIGH_WATER_MARK = 100_000;

	/**
	 * The default {@link #maxMessageSize()}: 1 MiB, the order of Kafka's and NATS's default limits.
	 * Events are JSON; one larger than this is better sent as a reference to where the data is. The
	 * limit also bounds what one frame header can make the broker allocate.
	 */
	public static final long DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

	private static final BrokerOptions DEFAULTS = new Builder().build();

	/** Checks every value; the one place broker options are validated. */
	public BrokerOptions {
		Objects.requireNonNull(host, "host must not be null");
		if (host.isBlank()) {
			throw new IllegalArgumentException("host must not be blank");
		}
		Objects.requireNonNull(pulse, "pulse must not be null");
		if (port < 0 || port > 65533) {
			throw new IllegalArgumentException("port must be between 0 and 65533 (three ports are bound), was " + port);
		}
		if (pulse.isNegative() || pulse.isZero()) {
			throw new IllegalArgumentException("pulse must be positive, was " + pulse);
		}
		if (publishHighWaterMark < 0) {
			throw new IllegalArgumentException("publishHighWaterMark must not be negative, was " + publishHighWaterMark);
		}
		requireMessageSize(maxMessageSize);
	}

	static void requireMessageSize(long maxMessageSize) {
		if (maxMessageSize < 1 || maxMessageSize > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("maxMessageSize must be between 1 and " + Integer.MAX_VALUE
					+ " bytes (ZeroMQ's frames cannot be larger; there is no unlimited setting), was " + maxMessageSize);
		}
	}

	/**
	 * @return the {@code DEFAULT_*} values: loopback, a free port, a 15 s pulse, a high-water mark of
	 * 100,000, frames up to {@value #DEFAULT_MAX_MESSAGE_SIZE} bytes and no CURVE
	 */
	public static BrokerOptions defaults() {
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
	 * @param value the address to bind
	 * @return a copy with it
	 */
	public BrokerOptions withHost(String value) {
		return toBuilder().host(value).build();
	}

	/**
	 * @param value the first port, 0 for free ones
	 * @return a copy with it
	 */
	public BrokerOptions withPort(int value) {
		return toBuilder().port(value).build();
	}

	/**
	 * @param value the heartbeat interval
	 * @return a copy with it
	 */
	public BrokerOptions withPulse(Duration value) {
		return toBuilder().pulse(value).build();
	}

	/**
	 * @param value the PUB high-water mark
	 * @return a copy with it
	 */
	public BrokerOptions withPublishHighWaterMark(int value) {
		return toBuilder().publishHighWaterMark(value).build();
	}

	/**
	 * @param value the largest accepted frame in bytes
	 * @return a copy with it
	 */
	public BrokerOptions withMaxMessageSize(long value) {
		return toBuilder().maxMessageSize(value).build();
	}

	/**
	 * @param value CurveZMQ keys and the allow-list, or {@code null} for none
	 * @return a copy with it
	 */
	public BrokerOptions withSecurity(BrokerSecurity value) {
		return toBuilder().security(value).build();
	}

	/**
	 * Collects {@link BrokerOptions} values, starting from the defaults or from an instance. Not
	 * thread-safe; {@link #build()} checks the values, the setters do not.
	 */
	public static final class Builder {

		private String host = DEFAULT_HOST;

		private int port = DEFAULT_PORT;

		private Duration pulse = DEFAULT_PULSE;

		private int publishHighWaterMark = DEFAULT_PUBLISH_HIGH_WATER_MARK;

		private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

		private BrokerSecurity security;

		private Builder() {
		}

		private Builder(BrokerOptions options) {
			this.host = options.host;
			this.port = options.port;
			this.pulse = options.pulse;
			this.publishHighWaterMark = options.publishHighWaterMark;
			this.maxMessageSize = options.maxMessageSize;
			this.security = options.security;
		}

		/**
		 * @param value the address to bind: a host name, an IPv4 address, or an IPv6 address with or
		 * without brackets
		 * @return this builder
		 */
		public Builder host(String value) {
			this.host = value;
			return this;
		}

		/**
		 * @param value the first of three consecutive ports, 0 for free ones
		 * @return this builder
		 */
		public Builder port(int value) {
			this.port = value;
			return this;
		}

		/**
		 * @param value the heartbeat interval
		 * @return this builder
		 */
		public Builder pulse(Duration value) {
			this.pulse = value;
			return this;
		}

		/**
		 * @param value the PUB queue per slow subscriber, 0 for no limit
		 * @return this builder
		 */
		public Builder publishHighWaterMark(int value) {
			this.publishHighWaterMark = value;
			return this;
		}

		/**
		 * @param value the largest accepted frame in bytes
		 * @return this builder
		 */
		public Builder maxMessageSize(long value) {
			this.maxMessageSize = value;
			return this;
		}

		/**
		 * @param value CurveZMQ keys and the allow-list, or {@code null} for none
		 * @return this builder
		 */
		public Builder security(BrokerSecurity value) {
			this.security = value;
			return this;
		}

		/**
		 * @return the options with the values set so far
		 * @throws IllegalArgumentException if a value is invalid, the message starting with its name
		 * @throws NullPointerException if a required value is {@code null}, likewise
		 */
		public BrokerOptions build() {
			return new BrokerOptions(this.host, this.port, this.pulse, this.publishHighWaterMark, this.maxMessageSize,
					this.security);
		}

	}
}
