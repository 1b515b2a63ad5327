package io.aiodistbus.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the application's bus. Invalid values fail the binding with a message naming
 * the property, so a bad configuration stops the application at start-up.
 */
@ConfigurationProperties("aiodistbus")
public class AiodistbusProperties {

	/**
	 * How the application reaches the bus: 'local' (in-process only), 'broker' (runs the broker
	 * that other services connect to, the application being a client of it) or 'client' (connects
	 * to a remote broker).
	 */
	private Mode mode = Mode.LOCAL;

	/**
	 * Handler namespaces put on the application's entry point at start-up.
	 */
	private List<String> namespaces = new ArrayList<>(List.of("default"));

	/**
	 * Embedded broker, in 'broker' mode.
	 */
	private final Broker broker = new Broker();

	/**
	 * Connection to a remote broker, in 'client' mode.
	 */
	private final Client client = new Client();

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public List<String> getNamespaces() {
		return this.namespaces;
	}

	public void setNamespaces(List<String> namespaces) {
		this.namespaces = namespaces;
	}

	public Broker getBroker() {
		return this.broker;
	}

	public Client getClient() {
		return this.client;
	}

	/**
	 * How the application reaches the bus.
	 */
	public enum Mode {

		/** In-process bus only. */
		LOCAL,

		/** An embedded broker that other services connect to; the application is on it too. */
		BROKER,

		/** A client of a remote broker. */
		CLIENT

	}

	/**
	 * The embedded broker, in 'broker' mode.
	 */
	public static class Broker {

		/**
		 * Address the broker binds to.
		 */
		private String host = "127.0.0.1";

		/**
		 * First of the three consecutive ports the broker binds (handshake, publish, collect); 0 for
		 * free ones.
		 */
		private int port = 5555;

		/**
		 * Interval between the pulses the broker sends its clients so they can tell it is alive.
		 */
		private Duration pulse = Duration.ofSeconds(15);

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = Check.notBlank("aiodistbus.broker.host", host);
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = Check.port("aiodistbus.broker.port", port, 0, 65533);
		}

		public Duration getPulse() {
			return this.pulse;
		}

		public void setPulse(Duration pulse) {
			this.pulse = Check.positive("aiodistbus.broker.pulse", pulse);
		}

	}

	/**
	 * The connection to a remote broker, in 'client' mode; in 'broker' mode, the settings of the
	 * application's client of the embedded broker except its address.
	 */
	public static class Client {

		/**
		 * Address of the broker to connect to.
		 */
		private String host = "127.0.0.1";

		/**
		 * Port of the broker to connect to.
		 */
		private int port = 5555;

		/**
		 * How long start-up waits for the broker to answer before failing.
		 */
		private Duration connectTimeout = Duration.ofSeconds(30);

		/**
		 * Interval between the client's checks that a broker pulse arrived.
		 */
		private Duration pulseTtl = Duration.ofSeconds(50);

		/**
		 * Failed pulse checks in a row tolerated before the broker counts as gone.
		 */
		private int pulseLimit = 4;

		/**
		 * Whether to reconnect after the broker was lost; without, the client closes.
		 */
		private boolean reconnect = true;

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = Check.notBlank("aiodistbus.client.host", host);
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = Check.port("aiodistbus.client.port", port, 1, 65535);
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = Check.positive("aiodistbus.client.connect-timeout", connectTimeout);
		}

		public Duration getPulseTtl() {
			return this.pulseTtl;
		}

		public void setPulseTtl(Duration pulseTtl) {
			this.pulseTtl = Check.positive("aiodistbus.client.pulse-ttl", pulseTtl);
		}

		public int getPulseLimit() {
			return this.pulseLimit;
		}

		public void setPulseLimit(int pulseLimit) {
			if (pulseLimit < 0) {
				throw new IllegalArgumentException("aiodistbus.client.pulse-limit must not be negative, was " + pulseLimit);
			}
			this.pulseLimit = pulseLimit;
		}

		public boolean isReconnect() {
			return this.reconnect;
		}

		public void setReconnect(boolean reconnect) {
			this.reconnect = reconnect;
		}

	}

	/**
	 * The checks the setters share. Setters throw so that binding fails naming the property, without
	 * requiring a Bean Validation provider on the application's class path.
	 */
	private static final class Check {

		private Check() {
		}

		static int port(String property, int port, int min, int max) {
			if (port < min || port > max) {
				throw new IllegalArgumentException(
						property + " must be between " + min + " and " + max + ", was " + port);
			}
			return port;
		}

		static Duration positive(String property, Duration duration) {
			if (duration == null || duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(property + " must be a positive duration, was " + duration);
			}
			return duration;
		}

		static String notBlank(String property, String text) {
			if (text == null || text.isBlank()) {
				throw new IllegalArgumentException(property + " must not be blank");
			}
			return text;
		}

	}

}
