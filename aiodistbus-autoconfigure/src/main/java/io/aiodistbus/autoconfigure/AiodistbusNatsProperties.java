package io.aiodistbus.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.aiodistbus.nats.NatsOptions;

/**
 * The bus on NATS, in 'nats' mode ({@code aiodistbus.nats.*}). The defaults are {@link NatsOptions}'s
 * {@code DEFAULT_*} constants, and the options' own checks validate the values at start-up.
 */
@ConfigurationProperties("aiodistbus.nats")
public class AiodistbusNatsProperties extends StartupConnectProperties {

	/**
	 * NATS server URLs (nats://host:port, tls://host:port); the client connects to one and fails over to
	 * the others and to those the cluster announces.
	 */
	private List<String> servers = new ArrayList<>(NatsOptions.DEFAULT_SERVERS);

	/**
	 * Subject prefix under which event types live (type chat.message is subject PREFIX.chat.message).
	 */
	private String subjectPrefix = NatsOptions.DEFAULT_SUBJECT_PREFIX;

	/**
	 * Name of the connection as the server shows it; defaults to spring.application.name.
	 */
	private String connectionName;

	/**
	 * User name, with password.
	 */
	private String user;

	/**
	 * Password of the user; best from the environment: AIODISTBUS_NATS_PASSWORD.
	 */
	private String password;

	/**
	 * Token; best from the environment: AIODISTBUS_NATS_TOKEN.
	 */
	private String token;

	/**
	 * User NKey seed (SU...); best from the environment: AIODISTBUS_NATS_NKEYSEED.
	 */
	private String nkeySeed;

	/**
	 * Credentials file (a user JWT and its NKey seed, as nsc writes them).
	 */
	private Path credsFile;

	/**
	 * How long start-up waits for a server.
	 */
	private Duration connectTimeout = NatsOptions.DEFAULT_CONNECT_TIMEOUT;

	/**
	 * Whether to reconnect (to any server of the cluster) after the connection dropped; else the entry
	 * point closes.
	 */
	private boolean reconnect = NatsOptions.DEFAULT_RECONNECT;

	/**
	 * How long to wait before trying a server again that was just tried.
	 */
	private Duration reconnectWait = NatsOptions.DEFAULT_RECONNECT_WAIT;

	/**
	 * Received events that may wait for the handlers; NATS drops what exceeds it (a slow consumer).
	 */
	private int inboundCapacity = NatsOptions.DEFAULT_INBOUND_CAPACITY;

	/**
	 * How long closing lets emitted events drain.
	 */
	private Duration closeFlushTimeout = NatsOptions.DEFAULT_CLOSE_FLUSH_TIMEOUT;

	/** Creates the defaults. */
	public AiodistbusNatsProperties() {
		super("aiodistbus.nats");
	}

	public List<String> getServers() {
		return this.servers;
	}

	public void setServers(List<String> servers) {
		this.servers = servers;
	}

	public String getSubjectPrefix() {
		return this.subjectPrefix;
	}

	public void setSubjectPrefix(String subjectPrefix) {
		this.subjectPrefix = subjectPrefix;
	}

	public String getConnectionName() {
		return this.connectionName;
	}

	public void setConnectionName(String connectionName) {
		this.connectionName = connectionName;
	}

	public String getUser() {
		return this.user;
	}

	public void setUser(String user) {
		this.user = user;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public String getToken() {
		return this.token;
	}

	public void setToken(String token) {
		this.token = token;
	}

	public String getNkeySeed() {
		return this.nkeySeed;
	}

	public void setNkeySeed(String nkeySeed) {
		this.nkeySeed = nkeySeed;
	}

	public Path getCredsFile() {
		return this.credsFile;
	}

	public void setCredsFile(Path credsFile) {
		this.credsFile = credsFile;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public boolean isReconnect() {
		return this.reconnect;
	}

	public void setReconnect(boolean reconnect) {
		this.reconnect = reconnect;
	}

	public Duration getReconnectWait() {
		return this.reconnectWait;
	}

	public void setReconnectWait(Duration reconnectWait) {
		this.reconnectWait = reconnectWait;
	}

	public int getInboundCapacity() {
		return this.inboundCapacity;
	}

	public void setInboundCapacity(int inboundCapacity) {
		this.inboundCapacity = inboundCapacity;
	}

	public Duration getCloseFlushTimeout() {
		return this.closeFlushTimeout;
	}

	public void setCloseFlushTimeout(Duration closeFlushTimeout) {
		this.closeFlushTimeout = closeFlushTimeout;
	}

}
