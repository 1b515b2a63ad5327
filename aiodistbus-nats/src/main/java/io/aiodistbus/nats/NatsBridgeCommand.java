package io.aiodistbus.nats;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.ConnectTimeoutException;

/**
 * Runs a {@link NatsBridge} from the command line, until the process is stopped:
 * <pre>
 * java -cp ... io.aiodistbus.nats.NatsBridgeCommand --broker 127.0.0.1:5555 --nats nats://10.0.0.5:4222,nats://10.0.0.6:4222
 *     [--nats-subject-prefix aiodistbus] [--to-nats '*'] [--from-nats '*']
 *     [--nats-user U --nats-password-file F | --nats-token-file F | --nats-nkey-seed-file F | --nats-creds F]
 * </pre>
 * The standalone broker's jar runs it as {@code java -jar aiodistbus-broker.jar bridge ...}. Everything but
 * {@code --broker} is the NATS side, as {@link NatsBridgeArgs} reads it: secrets come from files, never from
 * the command line, where other users of the machine see them.
 *
 * <p>If the broker or NATS does not answer at start, the command says so and exits with 1, rather than
 * retrying: a wrong URL looks exactly like a server that is not up yet, and a bridge that kept trying would
 * hide that (or refused credentials) behind a log line; a supervisor's restart retries with its own back-off. Once open,
 * the bridge reconnects to either side by itself.
 */
public final class NatsBridgeCommand {

	/** The command line, after the command's name. */
	public static final String USAGE = "--broker HOST:PORT " + NatsBridgeArgs.USAGE.replace("\n", "\n       ");

	private NatsBridgeCommand() {
	}

	/**
	 * Opens the bridge and keeps it open until the JVM shuts down.
	 * @param args the arguments, see the class description
	 * @throws InterruptedException if interrupted while running
	 */
	public static void main(String[] args) throws InterruptedException {
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * Opens the bridge the arguments describe, prints what it joins, and keeps it open until the JVM shuts
	 * down (a shutdown hook closes it).
	 * @param args the arguments, see the class description
	 * @param out where the line saying what the bridge joins goes
	 * @param err where errors and the usage go
	 * @return the exit status: 0 after {@code --help} or a shutdown, 1 if the broker or NATS could not be
	 * reached, 2 for a bad command line
	 * @throws InterruptedException if interrupted while running
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
		if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
			out.println("usage: " + USAGE);
			return 0;
		}
		NatsBridge bridge;
		try {
			bridge = open(out, args);
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.println("usage: " + USAGE);
			return 2;
		}
		catch (NatsConnectException ex) {
			err.println(NatsBridgeArgs.unreachable(ex));
			return 1;
		}
		catch (ConnectTimeoutException ex) {
			err.println(ex.getMessage());
			return 1;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			bridge.close();
			stopped.countDown();
		}, "aiodistbus-bridge-shutdown"));
		stopped.await();
		return 0;
	}

	/**
	 * Opens the bridge the arguments describe and prints what it joins.
	 * @param out where the line goes
	 * @param args the arguments, see the class description
	 * @return the open bridge
	 * @throws IllegalArgumentException if the arguments are incomplete or malformed
	 */
	static NatsBridge open(PrintStream out, String... args) {
		Map<String, String> options = new LinkedHashMap<>();
		String broker = null;
		for (int i = 0; i < args.length; i += 2) {
			if (!args[i].equals("--broker") && !NatsBridgeArgs.accepts(args[i])) {
				throw new IllegalArgumentException("unknown argument " + args[i]);
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException(args[i] + " needs a value");
			}
			if (args[i].equals("--broker")) {
				broker = args[i + 1];
			}
			else {
				options.put(args[i], args[i + 1]);
			}
		}
		if (broker == null || broker.isBlank()) {
			throw new IllegalArgumentException("--broker is required");
		}
		int colon = broker.lastIndexOf(':');
		int port = (colon > 0) ? port(broker.substring(colon + 1)) : -1;
		if (port < 0) {
			throw new IllegalArgumentException("--broker must be HOST:PORT, was " + broker);
		}
		String host = broker.substring(0, colon).replace("[", "").replace("]", "");
		NatsBridgeArgs nats = NatsBridgeArgs.parse(options);
		NatsBridge bridge = nats.open(host, port, ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(30)));
		out.println(nats.describe(broker));
		return bridge;
	}

	/** @return the port, or -1 if the text is none */
	private static int port(String text) {
		try {
			int port = Integer.parseInt(text);
			return (port > 0 && port <= 65535) ? port : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}
}
