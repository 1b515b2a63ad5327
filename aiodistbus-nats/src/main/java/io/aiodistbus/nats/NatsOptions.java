package io.aiodistbus.nats;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * How a {@link NatsEntryPoint} connects to NATS. Immutable; start from {@link #defaults()} or
 * {@link #builder()} and derive changed copies with {@link #toBuilder()}. Each default is a public
 * {@code DEFAULT_*} constant. The canonical constructor checks every value: an invalid one throws
 * {@link IllegalArgumentException} ({@link NullPointerException} when missing) whose message starts with
 * the component's name.
 *
 * @param servers the server URLs, such as {@code nats://10.0.0.5:4222} or {@code tls://...}; jnats
 * connects to one and fails over to the others (and to those the cluster announces)
 * @param subjectPrefix the subject under which event types live: type {@code chat.message} is subject
 * {@code <prefix>.chat.message}; buses with different prefixes share a server without seeing each other
 * @param connectionName the name the server shows for this connection ({@code nats server report
 * connections}), or {@code null}
 * @param credentials user and password, token, NKey or credentials file, or {@code null} for none
 * @param sslContext the TLS context for {@code tls://} servers or servers that require TLS, or
 * {@code null} for the JVM's default context when a URL says {@code tls://}
 * @param connectTimeout how long {@link NatsEntryPoint#connect()} waits for a server
 * @param reconnect whether to reconnect (to any server of the cluster) after the connection dropped;
 * without, the entry point closes, as the ZeroMQ client with reconnect off does
 * @param reconnectWait how long to wait before trying a server again that was just tried
 * @param inboundCapacity how many received events may wait for the handlers; beyond it NATS drops them
 * (counted as {@code queue_full}, and the entry point reports a slow consumer)
 * @param closeFlushTimeout how long {@link NatsEntryPoint#close()} lets emitted events drain
 */
public record NatsOptions(List<String> servers, String subjectPrefix, String connectionName,
		NatsCredentials credentials, SSLContext sslContext, Duration connectTimeout, boolean reconnect,
		Duration reconnectWait, int inboundCapacity, Duration closeFlushTimeout) {

	/** The default {@link #servers()}: a server on this machine's default port. */
	public static final List<String> DEFAULT_SERVERS = List.of("nats://127.0.0.1:4222");

	/** The default {@link #subjectPrefix()}: {@value}. */
	public static final String DEFAULT_SUBJECT_PREFIX = "aiodistbus";

	/** The default {@link #connectTimeout()}: 30 s, as the ZeroMQ client's. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

	/** The default {@link #reconnect()}: {@value}. */
	public static final boolean DEFAULT_RECONNECT = true;

	/** The default {@link #reconnectWait()}: 1 s. */
	public static final Duration DEFAULT_RECONNECT_WAIT = Duration.ofSeconds(1);

	/** The default {@link #inboundCapacity()}: {@value}, as the ZeroMQ client's. */
	public static final int DEFAULT_INBOUND_CAPACITY = 100_000;

	/** The default {@link #closeFlushTimeout()}: 1 s. */
	public static final Duration DEFAULT_CLOSE_FLUSH_TIMEOUT = Duration.ofSeconds(1);

	private static final NatsOptions DEFAULTS = new Builder().build();

	/** Checks every value. */
	public NatsOptions {
		Objects.requireNonNull(servers, "servers must not be null");
		if (servers.isEmpty()) {
			throw new IllegalArgumentException("servers must name at least one server");
		}
		servers = List.copyOf(servers);
		Subjects.checkPrefix(subjectPrefix);
		requirePositive(connectTimeout, "connectTimeout");
		requirePositive(reconnectWait, "reconnectWait");
		Objects.requireNonNull(closeFlushTimeout, "closeFlushTimeout must not be null");
		if (closeFlushTimeout.isNegative()) {
			throw new IllegalArgumentException("closeFlushTimeout must not be negative, was " + closeFlushTimeout);
		}
		if (inboundCapacity < 1) {
			throw new IllegalArgumentException("inboundCapacity must be at least 1, was " + inboundCapacity);
		}
	}

	private static void requirePositive(Duration value, String name) {
		Objects.requireNonNull(value, name + " must not be null");
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

	/** @return the defaults */
	public static NatsOptions defaults() {
		return DEFAULTS;
	}

	/** @return a builder starting from the defaults */
	public static Builder builder() {
		return new Builder();
	}

	/** @return a builder starting from these options */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * @param servers the server URLs
	 * @return a copy with them
	 */
	public NatsOptions withServers(String... servers) {
		return toBuilder().servers(servers).build();
	}

	@Override
	public String toString() {
		return "NatsOptions[servers=" + this.servers + ", subjectPrefix=" + this.subjectPrefix + ", connectionName="
				+ this.connectionName + ", credentials=" + this.credentials + ", tls=" + (this.sslContext != null)
				+ ", connectTimeout=" + this.connectTimeout + ", reconnect=" + this.reconnect + ", reconnectWait="
				+ this.reconnectWait + ", inboundCapacity=" + this.inboundCapacity + ", closeFlushTimeout="
				+ this.closeFlushTimeout + "]";
	}

	/** Builds {@link NatsOptions}, as jnats builds its {@code Options}. */
	public static final class Builder {

		private List<String> servers = DEFAULT_SERVERS;

		private String subjectPrefix = DEFAULT_SUBJECT_PREFIX;

		private String connectionName;

		private NatsCredentials credentials;

		private SSLContext sslContext;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private boolean reconnect = DEFAULT_RECONNECT;

		private Duration reconnectWait = DEFAULT_RECONNECT_WAIT;

		private int inboundCapacity = DEFAULT_INBOUND_CAPACITY;

		private Duration closeFlushTimeout = DEFAULT_CLOSE_FLUSH_TIMEOUT;

		private Builder() {
		}

		private Builder(NatsOptions options) {
			this.servers = options.servers;
			this.subjectPrefix = options.subjectPrefix;
			this.connectionName = options.connectionName;
			this.credentials = options.credentials;
			this.sslContext = options.sslContext;
			this.connectTimeout = options.connectTimeout;
			this.reconnect = options.reconnect;
			this.reconnectWait = options.reconnectWait;
			this.inboundCapacity = options.inboundCapacity;
			this.closeFlushTimeout = options.closeFlushTimeout;
		}

		/** @param servers the server URLs @return this builder */
		public Builder servers(String... servers) {
			return servers(List.of(servers));
		}

		/** @param servers the server URLs @return this builder */
		public Builder servers(List<String> servers) {
			this.servers = servers;
			return this;
		}

		/** @param subjectPrefix the subject prefix @return this builder */
		public Builder subjectPrefix(String subjectPrefix) {
			this.subjectPrefix = subjectPrefix;
			return this;
		}

		/** @param connectionName the connection's name, or {@code null} @return this builder */
		public Builder connectionName(String connectionName) {
			this.connectionName = connectionName;
			return this;
		}

		/** @param credentials the credentials, or {@code null} @return this builder */
		public Builder credentials(NatsCredentials credentials) {
			this.credentials = credentials;
			return this;
		}

		/** @param sslContext the TLS context, or {@code null} @return this builder */
		public Builder sslContext(SSLContext sslContext) {
			this.sslContext = sslContext;
			return this;
		}

		/** @param connectTimeout how long connect waits @return this builder */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/** @param reconnect whether to reconnect @return this builder */
		public Builder reconnect(boolean reconnect) {
			this.reconnect = reconnect;
			return this;
		}

		/** @param reconnectWait the wait before retrying a server @return this builder */
		public Builder reconnectWait(Duration reconnectWait) {
			this.reconnectWait = reconnectWait;
			return this;
		}

		/** @param inboundCapacity events that may wait for the handlers @return this builder */
		public Builder inboundCapacity(int inboundCapacity) {
			this.inboundCapacity = inboundCapacity;
			return this;
		}

		/** @param closeFlushTimeout how long close drains @return this builder */
		public Builder closeFlushTimeout(Duration closeFlushTimeout) {
			this.closeFlushTimeout = closeFlushTimeout;
			return this;
		}

		/** @return the options, checked */
		public NatsOptions build() {
			return new NatsOptions(this.servers, this.subjectPrefix, this.connectionName, this.credentials,
					this.sslContext, this.connectTimeout, this.reconnect, this.reconnectWait, this.inboundCapacity,
					this.closeFlushTimeout);
		}
	}
}
