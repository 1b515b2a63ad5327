package io.aiodistbus.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.aiodistbus.HandlerOptions;
import io.aiodistbus.RetryBackOff;
import io.aiodistbus.RetryingErrorHandler;
import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.OverflowPolicy;
import io.aiodistbus.distributed.WireFormat;

/**
 * Configuration of the application's bus. Invalid values fail the binding with a message naming
 * the property, so a bad configuration stops the application at start-up. The defaults and the
 * checks of the properties that become {@link BrokerOptions} and {@link ClientOptions} are those of
 * core.
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
	 * Whether the application's entry point registers its handlers and connects when the
	 * application context starts; when false, it does so on an explicit start of the context
	 * ('ConfigurableApplicationContext.start()').
	 */
	private boolean autoStartup = true;

	/**
	 * Whether to observe emits and handler calls with Micrometer Observation (needs an
	 * ObservationRegistry bean, as Actuator gives); with Micrometer Tracing the trace context travels
	 * in the event headers, W3C 'traceparent' by default, so a trace spans services.
	 */
	private boolean observationEnabled;

	/**
	 * Embedded broker, in 'broker' mode.
	 */
	private final Broker broker = new Broker();

	/**
	 * Connection to a remote broker, in 'client' mode.
	 */
	private final Client client = new Client();

	/**
	 * CurveZMQ encryption and authentication of the application's broker and client.
	 */
	private final Security security = new Security();

	/**
	 * What follows a failure of an @EventHandler method: retries with backoff, then a dead letter
	 * or a log line.
	 */
	private final ErrorHandling error = new ErrorHandling();

	/**
	 * Defaults of the @EventHandler methods.
	 */
	private final Handler handler = new Handler();

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

	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	public boolean isObservationEnabled() {
		return this.observationEnabled;
	}

	public void setObservationEnabled(boolean observationEnabled) {
		this.observationEnabled = observationEnabled;
	}

	public Broker getBroker() {
		return this.broker;
	}

	public Client getClient() {
		return this.client;
	}

	public Security getSecurity() {
		return this.security;
	}

	public ErrorHandling getError() {
		return this.error;
	}

	public Handler getHandler() {
		return this.handler;
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
		CLIENT,

		/**
		 * An entry point on a NATS server or cluster ({@code aiodistbus.nats.*}); needs
		 * {@code aiodistbus-nats} on the class path.
		 */
		NATS

	}

	/**
	 * The embedded broker, in 'broker' mode.
	 */
	public static class Broker {

		/**
		 * Address the broker binds to.
		 */
		private String host = BrokerOptions.DEFAULT_HOST;

		/**
		 * First of the three consecutive ports the broker binds (handshake, publish, collect); 0 for
		 * free ones.
		 */
		private int port = 5555;

		/**
		 * Interval between the pulses the broker sends its clients so they can tell it is alive.
		 */
		private Duration pulse = BrokerOptions.DEFAULT_PULSE;

		/**
		 * Messages the broker queues for each slow subscriber before ZeroMQ drops (seen by that
		 * subscriber as lost events); 0 for no limit.
		 */
		private int publishHighWaterMark = BrokerOptions.DEFAULT_PUBLISH_HIGH_WATER_MARK;

		/**
		 * Largest frame accepted from a client, at most 2GB - 1 byte; ZeroMQ drops the connection of a
		 * client that sends a larger one. Also bounds what a frame header can make the broker allocate.
		 */
		private DataSize maxMessageSize = DataSize.ofBytes(BrokerOptions.DEFAULT_MAX_MESSAGE_SIZE);

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = Check.broker("aiodistbus.broker.host", host, BrokerOptions.Builder::host);
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = Check.broker("aiodistbus.broker.port", port, BrokerOptions.Builder::port);
		}

		public Duration getPulse() {
			return this.pulse;
		}

		public void setPulse(Duration pulse) {
			this.pulse = Check.broker("aiodistbus.broker.pulse", pulse, BrokerOptions.Builder::pulse);
		}

		public int getPublishHighWaterMark() {
			return this.publishHighWaterMark;
		}

		public void setPublishHighWaterMark(int publishHighWaterMark) {
			this.publishHighWaterMark = Check.broker("aiodistbus.broker.publish-high-water-mark",
					publishHighWaterMark, BrokerOptions.Builder::publishHighWaterMark);
		}

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			this.maxMessageSize = Check.broker("aiodistbus.broker.max-message-size", maxMessageSize,
					(builder, size) -> builder.maxMessageSize(size.toBytes()));
		}

	}

	/**
	 * The connection to a remote broker, in 'client' mode; in 'broker' mode, the settings of the
	 * application's client of the embedded broker except its address.
	 */
	public static class Client extends StartupConnectProperties {

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
		private Duration connectTimeout = ClientOptions.DEFAULT_CONNECT_TIMEOUT;

		/**
		 * Interval between the client's checks that a broker pulse arrived since the previous check
		 * (named after Python's pulse_ttl; ClientOptions' pulseCheckInterval).
		 */
		private Duration pulseTtl = ClientOptions.DEFAULT_PULSE_CHECK_INTERVAL;

		/**
		 * Failed pulse checks in a row tolerated before the broker counts as gone.
		 */
		private int pulseLimit = ClientOptions.DEFAULT_PULSE_LIMIT;

		/**
		 * Whether to reconnect after the broker was lost; without, the client closes.
		 */
		private boolean reconnect = ClientOptions.DEFAULT_RECONNECT;

		/**
		 * Received events that may wait for the application's handlers.
		 */
		private int inboundCapacity = ClientOptions.DEFAULT_INBOUND_CAPACITY;

		/**
		 * What happens to a received event that finds the inbound queue full: 'block' stops reading
		 * (the broker's queue for this client fills and drops instead), 'drop-newest' drops that event,
		 * 'drop-oldest' the oldest queued one; drops are counted.
		 */
		private OverflowPolicy overflowPolicy = ClientOptions.DEFAULT_OVERFLOW_POLICY;

		/**
		 * The wire format the client offers: 'native' (one frame per event, the payload's own bytes)
		 * when the broker is ours, falling back to Python's on a Python broker; 'python' always speaks
		 * Python's format.
		 */
		private WireFormat wireFormat = ClientOptions.DEFAULT_WIRE_FORMAT;

		/**
		 * Whether an event that arrives alone may run its handlers on the client's I/O thread, saving
		 * a thread hand-off of latency while the handlers stay quick. A handler that blocks then holds up
		 * the socket reads and the heartbeat until it returns: only for handlers that never block.
		 */
		private boolean inlineDispatch = ClientOptions.DEFAULT_INLINE_DISPATCH;

		/**
		 * Outgoing messages ZeroMQ queues while the broker is slow or unreachable; 0 for no limit.
		 */
		private int pushHighWaterMark = ClientOptions.DEFAULT_PUSH_HIGH_WATER_MARK;

		/**
		 * How long an emit waits for room in a full outgoing queue before it drops the event and
		 * counts it; 0 never waits.
		 */
		private Duration sendTimeout = ClientOptions.DEFAULT_SEND_TIMEOUT;

		/**
		 * How long closing the client lets already accepted outgoing events drain.
		 */
		private Duration closeFlushTimeout = ClientOptions.DEFAULT_CLOSE_FLUSH_TIMEOUT;

		/**
		 * How long shutdown waits for running handlers to finish once the client stopped delivering
		 * received events, before the web server drains its requests; the client keeps emitting until
		 * it closes.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		/**
		 * Largest frame the client sends or receives, at most 2GB - 1 byte: emitting a larger event
		 * throws, and ZeroMQ drops the connection of a broker that sends a larger one (the client then
		 * connects again). Keep it at or below the broker's.
		 */
		private DataSize maxMessageSize = DataSize.ofBytes(ClientOptions.DEFAULT_MAX_MESSAGE_SIZE);

		/** Creates the defaults. */
		public Client() {
			super("aiodistbus.client");
		}

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
			this.connectTimeout = Check.client("aiodistbus.client.connect-timeout", connectTimeout,
					ClientOptions.Builder::connectTimeout);
		}

		public Duration getPulseTtl() {
			return this.pulseTtl;
		}

		public void setPulseTtl(Duration pulseTtl) {
			this.pulseTtl = Check.client("aiodistbus.client.pulse-ttl", pulseTtl,
					ClientOptions.Builder::pulseCheckInterval);
		}

		public int getPulseLimit() {
			return this.pulseLimit;
		}

		public void setPulseLimit(int pulseLimit) {
			this.pulseLimit = Check.client("aiodistbus.client.pulse-limit", pulseLimit, ClientOptions.Builder::pulseLimit);
		}

		public boolean isReconnect() {
			return this.reconnect;
		}

		public void setReconnect(boolean reconnect) {
			this.reconnect = reconnect;
		}

		public int getInboundCapacity() {
			return this.inboundCapacity;
		}

		public void setInboundCapacity(int inboundCapacity) {
			this.inboundCapacity = Check.client("aiodistbus.client.inbound-capacity", inboundCapacity,
					ClientOptions.Builder::inboundCapacity);
		}

		public OverflowPolicy getOverflowPolicy() {
			return this.overflowPolicy;
		}

		public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
			this.overflowPolicy = Check.client("aiodistbus.client.overflow-policy", overflowPolicy,
					ClientOptions.Builder::overflowPolicy);
		}

		public WireFormat getWireFormat() {
			return this.wireFormat;
		}

		public void setWireFormat(WireFormat wireFormat) {
			this.wireFormat = Check.client("aiodistbus.client.wire-format", wireFormat, ClientOptions.Builder::wireFormat);
		}

		public boolean isInlineDispatch() {
			return this.inlineDispatch;
		}

		public void setInlineDispatch(boolean inlineDispatch) {
			this.inlineDispatch = inlineDispatch;
		}

		public int getPushHighWaterMark() {
			return this.pushHighWaterMark;
		}

		public void setPushHighWaterMark(int pushHighWaterMark) {
			this.pushHighWaterMark = Check.client("aiodistbus.client.push-high-water-mark", pushHighWaterMark,
					ClientOptions.Builder::pushHighWaterMark);
		}

		public Duration getSendTimeout() {
			return this.sendTimeout;
		}

		public void setSendTimeout(Duration sendTimeout) {
			this.sendTimeout = Check.client("aiodistbus.client.send-timeout", sendTimeout,
					ClientOptions.Builder::sendTimeout);
		}

		public Duration getCloseFlushTimeout() {
			return this.closeFlushTimeout;
		}

		public void setCloseFlushTimeout(Duration closeFlushTimeout) {
			this.closeFlushTimeout = Check.client("aiodistbus.client.close-flush-timeout", closeFlushTimeout,
					ClientOptions.Builder::closeFlushTimeout);
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = Check.notNegative("aiodistbus.client.shutdown-timeout", shutdownTimeout);
		}

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			this.maxMessageSize = Check.client("aiodistbus.client.max-message-size", maxMessageSize,
					(builder, size) -> builder.maxMessageSize(size.toBytes()));
		}

	}

	/**
	 * CurveZMQ for the application's broker ('broker' mode) and client ('client' and 'broker' mode).
	 * Only checked when enabled, so keys may stay configured while security is switched off; see
	 * {@code BusSecurity} for the checks.
	 */
	public static class Security {

		/**
		 * Whether to encrypt the bus and authenticate its peers with CurveZMQ. Requires this
		 * application's key pair (public-key and secret-key, or key-file); in 'client' mode also the
		 * broker's public key.
		 */
		private boolean enabled;

		/**
		 * This application's public key, 40 Z85 characters. With secret-key, an alternative to
		 * key-file.
		 */
		private String publicKey;

		/**
		 * This application's secret key, 40 Z85 characters; better given through the environment
		 * (AIODISTBUS_SECURITY_SECRETKEY) than written in a file of the application.
		 */
		private String secretKey;

		/**
		 * File holding this application's key pair, as written by 'aiodistbus-broker.jar
		 * --generate-keys --out' (ZeroMQ secret certificate); an alternative to public-key and
		 * secret-key.
		 */
		private Path keyFile;

		/**
		 * Public key of the broker to connect to, in 'client' mode. In 'broker' mode the embedded
		 * broker uses this application's key pair and this may be left unset.
		 */
		private String brokerPublicKey;

		/**
		 * Public keys of the clients the embedded broker lets in, in 'broker' mode. The application's
		 * own key is allowed without being listed.
		 */
		private List<String> allowedClientKeys = new ArrayList<>();

		/**
		 * File of public keys of the clients the embedded broker lets in, in 'broker' mode: one key
		 * per line, '#' comments allowed. Adds to allowed-client-keys.
		 */
		private Path allowedClientKeysFile;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPublicKey() {
			return this.publicKey;
		}

		public void setPublicKey(String publicKey) {
			this.publicKey = publicKey;
		}

		public String getSecretKey() {
			return this.secretKey;
		}

		public void setSecretKey(String secretKey) {
			this.secretKey = secretKey;
		}

		public Path getKeyFile() {
			return this.keyFile;
		}

		public void setKeyFile(Path keyFile) {
			this.keyFile = keyFile;
		}

		public String getBrokerPublicKey() {
			return this.brokerPublicKey;
		}

		public void setBrokerPublicKey(String brokerPublicKey) {
			this.brokerPublicKey = brokerPublicKey;
		}

		public List<String> getAllowedClientKeys() {
			return this.allowedClientKeys;
		}

		public void setAllowedClientKeys(List<String> allowedClientKeys) {
			this.allowedClientKeys = allowedClientKeys;
		}

		public Path getAllowedClientKeysFile() {
			return this.allowedClientKeysFile;
		}

		public void setAllowedClientKeysFile(Path allowedClientKeysFile) {
			this.allowedClientKeysFile = allowedClientKeysFile;
		}

	}

	/**
	 * Defaults of the {@code @EventHandler} methods, which a method's attributes change.
	 */
	public static class Handler {

		/**
		 * How many calls of each @EventHandler method may run at once; above 1 each method runs on
		 * threads of its own, and its events may be handled in any order unless it names an order key.
		 */
		private int concurrency = 1;

		/**
		 * With a concurrency above 1: how many events may wait for each method (per lane, with an
		 * order key) before the thread that delivers events waits for room.
		 */
		private int queueCapacity = HandlerOptions.DEFAULT_QUEUE_CAPACITY;

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = Check.handler("aiodistbus.handler.concurrency", concurrency,
					HandlerOptions::withConcurrency);
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = Check.handler("aiodistbus.handler.queue-capacity", queueCapacity,
					HandlerOptions::withQueueCapacity);
		}

	}

	/**
	 * What follows a failed handler, unless the application defines a {@code BusErrorHandler} bean:
	 * by default one attempt, then a log line, as before error handling existed.
	 */
	public static class ErrorHandling {

		/**
		 * Retries of a failed handler with exponential backoff.
		 */
		private final Retry retry = new Retry();

		/**
		 * Dead letters: the payload of an event whose handler failed its last attempt, emitted under
		 * a type of its own.
		 */
		private final DeadLetter deadLetter = new DeadLetter();

		public Retry getRetry() {
			return this.retry;
		}

		public DeadLetter getDeadLetter() {
			return this.deadLetter;
		}

	}

	/**
	 * Retries of a failed handler: the first after the initial delay, each next one 'multiplier' times
	 * later, at most 'max-delay'. They wait on a shared pool, never on the thread that delivers
	 * events, so a retried event may reach its handler after later events.
	 */
	public static class Retry {

		/**
		 * Attempts in all per event and handler, the first delivery included; 1 for no retry.
		 */
		private int maxAttempts = 1;

		/**
		 * Delay before the first retry.
		 */
		private Duration initialDelay = Duration.ofSeconds(1);

		/**
		 * Longest delay between two attempts.
		 */
		private Duration maxDelay = Duration.ofSeconds(10);

		/**
		 * Factor from one delay to the next, at least 1.
		 */
		private double multiplier = RetryBackOff.DEFAULT_MULTIPLIER;

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = Check.backOff("aiodistbus.error.retry.max-attempts", maxAttempts,
					RetryBackOff::withMaxAttempts);
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = Check.notNegative("aiodistbus.error.retry.initial-delay", initialDelay);
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = Check.notNegative("aiodistbus.error.retry.max-delay", maxDelay);
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = Check.backOff("aiodistbus.error.retry.multiplier", multiplier,
					(backOff, value) -> new RetryBackOff(1, Duration.ZERO, Duration.ZERO, value));
		}

		/**
		 * @return the backoff these settings describe
		 * @throws IllegalArgumentException if 'max-delay' is shorter than 'initial-delay'
		 */
		public RetryBackOff toBackOff() {
			if (this.maxDelay.compareTo(this.initialDelay) < 0) {
				throw new IllegalArgumentException("aiodistbus.error.retry.max-delay must be at least "
						+ "aiodistbus.error.retry.initial-delay (" + this.initialDelay + "), was " + this.maxDelay);
			}
			return new RetryBackOff(this.maxAttempts, this.initialDelay, this.maxDelay, this.multiplier);
		}

	}

	/**
	 * Dead letters of handlers that failed their last attempt.
	 */
	public static class DeadLetter {

		/**
		 * Whether an event whose handler failed its last attempt is emitted under its type plus the
		 * suffix ('orders.created.dlt'), with headers naming the exception, its message, the attempts
		 * and the original type; when false it is logged.
		 */
		private boolean enabled;

		/**
		 * Appended to the failed event's type to make the dead-letter type.
		 */
		private String suffix = RetryingErrorHandler.DEFAULT_DEAD_LETTER_SUFFIX;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getSuffix() {
			return this.suffix;
		}

		public void setSuffix(String suffix) {
			this.suffix = Check.notBlank("aiodistbus.error.dead-letter.suffix", suffix);
		}

	}

	/**
	 * The checks the setters share. Setters throw so that binding fails naming the property, without
	 * requiring a Bean Validation provider on the application's class path. A property that becomes
	 * an option is checked by the options themselves, so each rule is written once, in core.
	 */
	private static final class Check {

		private Check() {
		}

		static <T> T broker(String property, T value, BiConsumer<BrokerOptions.Builder, T> option) {
			return check(property, value, () -> {
				BrokerOptions.Builder builder = BrokerOptions.builder();
				option.accept(builder, value);
				builder.build();
			});
		}

		static <T> T client(String property, T value, BiConsumer<ClientOptions.Builder, T> option) {
			return check(property, value, () -> {
				ClientOptions.Builder builder = ClientOptions.builder();
				option.accept(builder, value);
				builder.build();
			});
		}

		// Builds options from the defaults and this one value. Their messages start with the
		// component's name, which the property's replaces; the cause is left out so that the
		// application's failure names the property down to its root cause.
		private static <T> T check(String property, T value, Runnable build) {
			if (value == null) {
				throw new IllegalArgumentException(property + " must not be empty");
			}
			try {
				build.run();
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				String message = String.valueOf(ex.getMessage());
				int space = message.indexOf(' ');
				String rule = (space >= 0) ? message.substring(space) : " is invalid: " + message;
				throw new IllegalArgumentException(property + rule);
			}
			return value;
		}

		static <T> T handler(String property, T value, BiConsumer<HandlerOptions, T> option) {
			return check(property, value, () -> option.accept(HandlerOptions.defaults(), value));
		}

		static <T> T backOff(String property, T value, BiConsumer<RetryBackOff, T> option) {
			return check(property, value, () -> option.accept(RetryBackOff.defaults(), value));
		}

		static int port(String property, int port, int min, int max) {
			if (port < min || port > max) {
				throw new IllegalArgumentException(
						property + " must be between " + min + " and " + max + ", was " + port);
			}
			return port;
		}

		static Duration notNegative(String property, Duration duration) {
			if (duration == null || duration.isNegative()) {
				throw new IllegalArgumentException(property + " must not be negative, was " + duration);
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
