package io.aiodistbus.nats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.aiodistbus.distributed.ClientOptions;

/**
 * Runs a {@link NatsBridge} from the command line, until the process is stopped:
 * <pre>
 * java -cp ... io.aiodistbus.nats.NatsBridgeCommand --broker 127.0.0.1:5555 --nats nats://10.0.0.5:4222,nats://10.0.0.6:4222
 *     [--subject-prefix aiodistbus] [--to-nats '*'] [--from-nats '*']
 *     [--user U --password-file F | --token-file F | --nkey-seed-file F | --creds F]
 * </pre>
 * Patterns are comma-separated; both directions default to {@code *}. Secrets are read from files, never
 * from the command line, where other users of the machine see them.
 */
public final class NatsBridgeCommand {

	static final String USAGE = "usage: --broker HOST:PORT --nats URL[,URL...] [--subject-prefix PREFIX] "
			+ "[--to-nats PATTERNS] [--from-nats PATTERNS] [--user USER --password-file FILE | --token-file FILE | "
			+ "--nkey-seed-file FILE | --creds FILE]";

	private NatsBridgeCommand() {
	}

	/**
	 * Opens the bridge and keeps it open until the JVM shuts down.
	 * @param args the arguments, see the class description
	 * @throws InterruptedException if interrupted while running
	 */
	public static void main(String[] args) throws InterruptedException {
		NatsBridge bridge;
		try {
			bridge = open(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			bridge.close();
			stopped.countDown();
		}, "aiodistbus-bridge-shutdown"));
		stopped.await();
	}

	/**
	 * Opens the bridge the arguments describe and prints what it joins.
	 * @param args the arguments, see the class description
	 * @return the open bridge
	 * @throws IllegalArgumentException if the arguments are incomplete or malformed
	 */
	static NatsBridge open(String... args) {
		Map<String, String> options = parse(args);
		String broker = require(options, "--broker");
		int colon = broker.lastIndexOf(':');
		if (colon <= 0) {
			throw new IllegalArgumentException("--broker must be HOST:PORT, was " + broker);
		}
		String host = broker.substring(0, colon).replace("[", "").replace("]", "");
		int port;
		try {
			port = Integer.parseInt(broker.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--broker must be HOST:PORT, was " + broker);
		}
		NatsOptions.Builder nats = NatsOptions.builder()
			.servers(split(require(options, "--nats")))
			.connectionName("aiodistbus-bridge")
			.credentials(credentials(options));
		if (options.containsKey("--subject-prefix")) {
			nats.subjectPrefix(options.get("--subject-prefix"));
		}
		List<String> toNats = split(options.getOrDefault("--to-nats", "*"));
		List<String> fromNats = split(options.getOrDefault("--from-nats", "*"));
		NatsBridge bridge = NatsBridge.open(host, port, ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(30)),
				nats.build(), toNats, fromNats);
		System.out.println("aiodistbus bridge: broker " + broker + " <-> NATS " + bridge.natsSide().options().servers()
				+ " under '" + bridge.natsSide().options().subjectPrefix() + ".' (to NATS: " + toNats + ", from NATS: "
				+ fromNats + ")");
		return bridge;
	}

	private static Map<String, String> parse(String[] args) {
		List<String> known = List.of("--broker", "--nats", "--subject-prefix", "--to-nats", "--from-nats", "--user",
				"--password-file", "--token-file", "--nkey-seed-file", "--creds");
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i += 2) {
			if (!known.contains(args[i])) {
				throw new IllegalArgumentException("unknown argument " + args[i]);
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException(args[i] + " needs a value");
			}
			options.put(args[i], args[i + 1]);
		}
		return options;
	}

	private static NatsCredentials credentials(Map<String, String> options) {
		if (options.containsKey("--user")) {
			return NatsCredentials.userPassword(options.get("--user"), secret(options, "--password-file"));
		}
		if (options.containsKey("--token-file")) {
			return NatsCredentials.token(secret(options, "--token-file"));
		}
		if (options.containsKey("--nkey-seed-file")) {
			return NatsCredentials.nkey(secret(options, "--nkey-seed-file"));
		}
		return options.containsKey("--creds") ? NatsCredentials.credsFile(Path.of(options.get("--creds"))) : null;
	}

	private static String secret(Map<String, String> options, String name) {
		try {
			return Files.readString(Path.of(require(options, name))).strip();
		}
		catch (java.io.IOException ex) {
			throw new IllegalArgumentException(name + " cannot be read: " + ex.getMessage());
		}
	}

	private static String require(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " is required");
		}
		return value;
	}

	private static List<String> split(String list) {
		List<String> items = new ArrayList<>();
		for (String item : list.split(",")) {
			if (!item.isBlank()) {
				items.add(item.strip());
			}
		}
		return items;
	}
}
