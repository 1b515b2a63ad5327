package io.aiodistbus.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.aiodistbus.broker.BrokerServer.ServeSettings;
import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.BrokerSecurity;
import io.aiodistbus.distributed.CurveKeyPair;
import io.aiodistbus.distributed.CurveKeys;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.nats.NatsBridgeArgs;
import io.aiodistbus.nats.NatsBridgeCommand;
import io.aiodistbus.nats.NatsConnectException;

/**
 * Runs a broker on its own: {@code java -jar aiodistbus-broker.jar --host 0.0.0.0
 * --port 5555 --pulse 15s --max-message-size 1MB}. {@code --host} takes IPv6 addresses too, with or
 * without brackets ({@code ::1}, {@code [::1]}, {@code ::}). It serves until the process is stopped;
 * a shutdown hook closes it, so clients hear its close. Should the broker stop serving by itself
 * (ZeroMQ's I/O thread died), the process exits with status 1, so that a supervisor restarts it.
 * Every {@link BrokerOptions} setting has an option ({@code --publish-hwm N} too).
 *
 * <h2>Operability</h2>
 * Clients' connects and disconnects are logged at INFO, SIGUSR1 logs the counters, and
 * {@code --http-port P} serves {@code /healthz}, Prometheus {@code /metrics}, JSON {@code /stats},
 * server-sent {@code /events} and a live page ({@link BrokerHttpServer}).
 *
 * <h2>Client commands</h2>
 * {@code pub TYPE JSON}, {@code sub PATTERN} and {@code bench} talk to a running broker
 * ({@link ClientCommands}).
 *
 * <h2>NATS</h2>
 * {@code --nats URL[,URL...]} and the other options of {@link NatsBridgeArgs} run a bridge between this
 * broker and NATS in the same process ({@link BrokerBridge}); {@code bridge --broker HOST:PORT --nats ...}
 * runs one to a broker elsewhere, a Python one too ({@link NatsBridgeCommand}). If no NATS server answers
 * at start, the broker does not start: it says so and exits with 1, because a wrong URL looks exactly like
 * a server not up yet, and a broker serving on without its bridge would hide that (or refused credentials)
 * behind a log line; a supervisor's restart retries with its own back-off. Once connected, the bridge rides out NATS outages
 * by reconnecting while the broker serves on.
 *
 * <h2>CURVE</h2>
 * <pre>
 * # once per broker and once per client: a key pair
 * java -jar aiodistbus-broker.jar --generate-keys --out broker.key_secret
 * java -jar aiodistbus-broker.jar --generate-keys --out alice.key_secret
 * # the allow-list: the clients' public keys, one per line, "# comments" allowed
 * echo "&lt;alice's public key&gt;  # alice" &gt; allowed-clients
 * java -jar aiodistbus-broker.jar --host 0.0.0.0 --secret-key-file broker.key_secret \
 *     --allow allowed-clients
 * </pre>
 * {@code --generate-keys} prints {@code public=} and {@code secret=} lines, a format
 * {@link CurveKeyPair#fromFile} reads; with {@code --out FILE} it writes the pair to a new file readable
 * by the owner only (in the zcert format pyzmq and czmq read too) and prints only the public key. The
 * broker prints its public key at start; clients need it.
 */
public final class BrokerMain {

	private BrokerMain() {
	}

	/**
	 * @param args {@code --host H}, {@code --port P}, {@code --pulse D} (e.g. {@code 15s},
	 * {@code 500ms}), {@code --max-message-size S} (bytes, or e.g. {@code 64KB}, {@code 4MB}),
	 * {@code --publish-hwm N}, {@code --secret-key-file FILE} with {@code --allow FILE},
	 * {@code --http-port P} and {@code --http-host H}, the NATS bridge's {@code --nats URLS} and
	 * theirs, {@code --help}; or {@code --generate-keys [--out FILE]}; or {@code pub}, {@code sub},
	 * {@code bench} or {@code bridge} and theirs
	 * @throws InterruptedException if interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		if (args.length > 0 && ClientCommands.NAMES.contains(args[0])) {
			System.exit(ClientCommands.run(args, System.out, System.err));
			return;
		}
		if (args.length > 0 && args[0].equals("bridge")) {
			System.exit(NatsBridgeCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
			return;
		}
		ServeSettings settings;
		try {
			if (Arrays.asList(args).contains("--generate-keys")) {
				generateKeys(args, System.out);
				return;
			}
			settings = parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(usage());
			System.exit(2);
			return;
		}
		if (settings == null) {
			System.out.println(usage());
			return;
		}
		serve(settings);
	}

	private static void serve(ServeSettings settings) throws InterruptedException {
		BrokerOptions options = settings.options();
		BrokerServer server;
		try {
			server = BrokerServer.start(settings);
		}
		catch (NatsConnectException ex) {
			System.err.println(NatsBridgeArgs.unreachable(ex) + ". The broker does not start without its bridge.");
			System.exit(1);
			return;
		}
		DEventBus broker = server.broker();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.close();
			stopped.countDown();
		}, "aiodistbus-broker-shutdown"));
		StatsSignal.install(server.monitor());
		// host:port, an IPv6 host in brackets; scripts read the port from this line
		System.out.println("aiodistbus broker on " + broker.endpoint() + " (publish "
				+ (broker.port() + 1) + ", collect " + (broker.port() + 2) + ", native publish " + (broker.port() + 3)
				+ "), frames up to "
				+ options.maxMessageSize() + " bytes");
		if (options.security() != null) {
			System.out.println("CURVE on, " + options.security().allowedClientKeys().size()
					+ " allowed client keys; the broker's public key, for clients: "
					+ options.security().serverKeys().publicKey());
		}
		if (server.httpPort() >= 0) {
			// scripts and tests read the HTTP port from this line
			String host = settings.httpHost();
			System.out.println("aiodistbus broker http on http://"
					+ ((host.contains(":") && !host.startsWith("[")) ? "[" + host + "]" : host) + ":" + server.httpPort()
					+ "/ (/healthz, /metrics, /stats, /events)");
		}
		if (settings.bridge() != null) {
			System.out.println(settings.bridge().describe(broker.endpoint()));
		}
		while (!stopped.await(1, TimeUnit.SECONDS)) {
			if (!broker.isRunning()) {
				System.err.println("aiodistbus broker stopped serving (see the log); exiting");
				System.exit(1);
			}
		}
	}

	/**
	 * Prints a new key pair, or writes it to the file after {@code --out} and prints its public key.
	 * @throws IllegalArgumentException for other options, or if the file cannot be written
	 */
	static void generateKeys(String[] args, PrintStream out) {
		Path file = null;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--out")) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("Missing value after --out");
				}
				file = Path.of(args[++i]);
			}
			else if (!args[i].equals("--generate-keys")) {
				throw new IllegalArgumentException("--generate-keys takes only --out FILE, got " + args[i]);
			}
		}
		CurveKeyPair keys = CurveKeyPair.generate();
		if (file == null) {
			out.println("public=" + keys.publicKey());
			out.println("secret=" + keys.secretKey());
			return;
		}
		try {
			keys.writeTo(file);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot write the key pair to " + file + ": " + ex, ex);
		}
		out.println("public=" + keys.publicKey());
		out.println("# the key pair is in " + file + ", readable by its owner only; keep it secret");
	}

	/**
	 * @return what to serve, or {@code null} for {@code --help}
	 * @throws IllegalArgumentException for an unknown option or a bad value
	 */
	static ServeSettings parse(String[] args) {
		BrokerOptions options = BrokerOptions.defaults().withPort(5555);
		Path secretKeyFile = null;
		Path allowFile = null;
		String httpHost = "127.0.0.1";
		int httpPort = -1;
		Map<String, String> nats = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--help") || arg.equals("-h")) {
				return null;
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("Missing value after " + arg);
			}
			String value = args[++i];
			switch (arg) {
				case "--host" -> options = options.withHost(value);
				case "--port" -> options = options.withPort(parsePort(arg, value));
				case "--pulse" -> options = options.withPulse(parseDuration(value));
				case "--max-message-size" -> options = withMaxMessageSize(options, value);
				case "--publish-hwm", "--publish-high-water-mark" -> options = withPublishHighWaterMark(options, arg, value);
				case "--secret-key-file" -> secretKeyFile = Path.of(value);
				case "--allow" -> allowFile = Path.of(value);
				case "--http-host" -> httpHost = value;
				case "--http-port" -> httpPort = parsePort(arg, value);
				default -> {
					if (!NatsBridgeArgs.accepts(arg)) {
						throw new IllegalArgumentException("Unknown option " + arg);
					}
					nats.put(arg, value);
				}
			}
		}
		if ((secretKeyFile == null) != (allowFile == null)) {
			throw new IllegalArgumentException("--secret-key-file and --allow go together: CURVE needs the broker's "
					+ "key pair and the public keys of the clients it lets in");
		}
		if (secretKeyFile != null) {
			options = options.withSecurity(readSecurity(secretKeyFile, allowFile));
		}
		return new ServeSettings(options, httpHost, httpPort, nats.isEmpty() ? null : NatsBridgeArgs.parse(nats));
	}

	private static BrokerOptions withPublishHighWaterMark(BrokerOptions options, String arg, String value) {
		try {
			return options.withPublishHighWaterMark(Integer.parseInt(value));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(arg + " needs a number of messages, 0 for no limit, got '" + value + "'");
		}
	}

	private static BrokerSecurity readSecurity(Path secretKeyFile, Path allowFile) {
		try {
			return BrokerSecurity.curve(CurveKeyPair.fromFile(secretKeyFile), CurveKeys.readPublicKeys(allowFile));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot read " + ex.getMessage() + " (" + ex.getClass().getSimpleName()
					+ ")", ex);
		}
	}

	static int parsePort(String arg, String value) {
		try {
			int port = Integer.parseInt(value);
			if (port < 0 || port > 65535) {
				throw new NumberFormatException();
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(arg + " needs a port from 0 to 65535, got '" + value + "'");
		}
	}

	// The options check the range, so that the command line accepts what they accept.
	private static BrokerOptions withMaxMessageSize(BrokerOptions options, String value) {
		try {
			return options.withMaxMessageSize(parseSize(value));
		}
		catch (ArithmeticException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("--max-message-size needs a size from 1 byte to 2GB-1 such as 65536, "
					+ "64KB or 4MB, got '" + value + "'");
		}
	}

	/**
	 * @return the size in bytes of a number with an optional {@code B}, {@code KB}, {@code MB} or
	 * {@code GB} (of 1024)
	 * @throws NumberFormatException if it is not such a number
	 * @throws ArithmeticException if the size overflows a {@code long}
	 */
	private static long parseSize(String value) {
		String text = value.trim().toUpperCase(Locale.ROOT);
		long unit = 1;
		int suffix = List.of("KB", "MB", "GB").indexOf(text.length() > 2 ? text.substring(text.length() - 2) : "");
		if (suffix >= 0) {
			unit = 1L << (10 * (suffix + 1));
			text = text.substring(0, text.length() - 2);
		}
		else if (text.endsWith("B")) {
			text = text.substring(0, text.length() - 1);
		}
		return Math.multiplyExact(Long.parseLong(text.trim()), unit);
	}

	private static Duration parseDuration(String value) {
		try {
			if (value.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
			}
			if (value.endsWith("s")) {
				return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
			}
			return Duration.ofSeconds(Long.parseLong(value));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--pulse needs a duration such as 15s or 500ms, got '" + value + "'");
		}
	}

	private static String usage() {
		return "usage: broker [--host 127.0.0.1] [--port 5555] [--pulse 15s] [--max-message-size 1MB]\n"
				+ "              [--publish-hwm 100000] [--secret-key-file FILE --allow FILE]\n"
				+ "              [--http-port PORT [--http-host 127.0.0.1]] [NATS OPTIONS]\n"
				+ "       broker --generate-keys [--out FILE]\n" + ClientCommands.usage() + "\n"
				+ "       broker bridge --broker HOST:PORT NATS OPTIONS\n"
				+ "       NATS OPTIONS: " + NatsBridgeArgs.USAGE.replace("\n", "\n                     ");
	}
}
