package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DEventBus} broker binds and behaves. Immutable; start from {@link #defaults()}.
 *
 * @param host the address to bind, {@code 127.0.0.1} by default
 * @param port the first of three consecutive ports; 0 picks free ones
 * @param pulse how often the broker publishes its heartbeat (Python's default is 15 s)
 * @param publishHighWaterMark how many messages the PUB socket queues per slow subscriber before it
 * drops
 * @param maxMessageSize the largest frame accepted from a client, in bytes, at most
 * {@link Integer#MAX_VALUE}; ZeroMQ drops the connection of a client that sends a larger one
 * @param security CurveZMQ encryption and client authentication; {@code null} (the default) for none
 */
public record BrokerOptions(String host, int port, Duration pulse, int publishHighWaterMark, long maxMessageSize,
		BrokerSecurity security) {

	/**
	 * The default {@link #maxMessageSize()}: 1 MiB, the order of Kafka's and NATS's default limits.
	 * Events are JSON; one larger than this is better sent as a reference to where the data is. The
	 * limit also bounds what one frame header can make the broker allocate.
	 */
	public static final long DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

	/** Checks every value. */
	public BrokerOptions {
		Objects.requireNonNull(host, "host must not be null");
		Objects.requireNonNull(pulse, "pulse must not be null");
		if (port < 0 || port > 65533) {
			throw new IllegalArgumentException("port must be between 0 and 65533 (three ports are bound), was " + port);
		}
		if (pulse.isNegative() || pulse.isZero()) {
			throw new IllegalArgumentException("pulse must be positive, was " + pulse);
		}
		if (publishHighWaterMark < 0) {
			throw new IllegalArgumentException("publishHighWaterMark must not be negative");
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
	 * @return loopback, a free port, a 15 s pulse, a high-water mark of 100,000, frames up to
	 * {@value #DEFAULT_MAX_MESSAGE_SIZE} bytes and no CURVE
	 */
	public static BrokerOptions defaults() {
		return new BrokerOptions("127.0.0.1", 0, Duration.ofSeconds(15), 100_000, DEFAULT_MAX_MESSAGE_SIZE, null);
	}

	/**
	 * @param value the address to bind: a host name, an IPv4 address, or an IPv6 address with or
	 * without brackets ({@code ::1}, {@code [::1]})
	 * @return a copy with it
	 */
	public BrokerOptions withHost(String value) {
		return new BrokerOptions(value, this.port, this.pulse, this.publishHighWaterMark, this.maxMessageSize,
				this.security);
	}

	/** @param value the first port, 0 for free ones @return a copy with it */
	public BrokerOptions withPort(int value) {
		return new BrokerOptions(this.host, value, this.pulse, this.publishHighWaterMark, this.maxMessageSize,
				this.security);
	}

	/** @param value the heartbeat interval @return a copy with it */
	public BrokerOptions withPulse(Duration value) {
		return new BrokerOptions(this.host, this.port, value, this.publishHighWaterMark, this.maxMessageSize,
				this.security);
	}

	/** @param value the PUB high-water mark @return a copy with it */
	public BrokerOptions withPublishHighWaterMark(int value) {
		return new BrokerOptions(this.host, this.port, this.pulse, value, this.maxMessageSize, this.security);
	}

	/** @param value the largest accepted frame in bytes @return a copy with it */
	public BrokerOptions withMaxMessageSize(long value) {
		return new BrokerOptions(this.host, this.port, this.pulse, this.publishHighWaterMark, value, this.security);
	}

	/**
	 * @param value CurveZMQ keys and the allow-list, or {@code null} for none
	 * @return a copy with it
	 */
	public BrokerOptions withSecurity(BrokerSecurity value) {
		return new BrokerOptions(this.host, this.port, this.pulse, this.publishHighWaterMark, this.maxMessageSize,
				value);
	}
}
