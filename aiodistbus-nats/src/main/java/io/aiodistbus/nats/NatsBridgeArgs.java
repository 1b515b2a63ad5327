package io.aiodistbus.nats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.aiodistbus.TypePatterns;
import io.aiodistbus.distributed.ClientOptions;

/**
 * The NATS side of a bridge's command line, read the same way by {@link NatsBridgeCommand} and by the
 * standalone broker's {@code --nats} options:
 * <pre>
 * --nats URL[,URL...] [--nats-subject-prefix PREFIX] [--to-nats PATTERNS] [--from-nats PATTERNS]
 * [--nats-user USER --nats-password-file FILE | --nats-token-file FILE | --nats-nkey-seed-file FILE | --nats-creds FILE]
 * </pre>
 * Patterns are comma-separated; both directions default to {@code *}, and {@code ''} carries nothing that
 * way. Secrets are read from files, never taken from the command line, where other users of the machine
 * see them; the files are read here, so that a missing one is a bad command line rather than a failed start.
 *
 * @param natsOptions the servers, subject prefix and credentials
 * @param toNats broker types or patterns to carry to NATS
 * @param fromNats NATS types or patterns to carry to the broker
 */
public record NatsBridgeArgs(NatsOptions natsOptions, List<String> toNats, List<String> fromNats) {

	/**
	 * The options above and what happens when NATS does not answer at start, as lines for a usage text;
	 * the caller indents the lines after the first.
	 */
	public static final String USAGE = """
			--nats URL[,URL...] [--nats-subject-prefix aiodistbus] [--to-nats '*'] [--from-nats '*']
			[--nats-user USER --nats-password-file FILE | --nats-token-file FILE |
			 --nats-nkey-seed-file FILE | --nats-creds FILE]
			If no NATS server answers at start, it exits with 1 rather than retry: a wrong URL looks
			exactly like a server not up yet, so let the supervisor retry. Once connected, the bridge
			reconnects by itself. Secrets are read from files only.""";

	private static final List<String> CREDENTIALS = List.of("--nats-user", "--nats-token-file", "--nats-nkey-seed-file",
			"--nats-creds");

	private static final List<String> OPTIONS = List.of("--nats", "--nats-subject-prefix", "--to-nats", "--from-nats",
			"--nats-user", "--nats-password-file", "--nats-token-file", "--nats-nkey-seed-file", "--nats-creds");

	/** Copies the lists. */
	public NatsBridgeArgs {
		toNats = List.copyOf(toNats);
		fromNats = List.copyOf(fromNats);
	}

	/**
	 * @param option an option's name, such as {@code --nats-user}
	 * @return whether it is one of these options
	 */
	public static boolean accepts(String option) {
		return OPTIONS.contains(option);
	}

	/**
	 * @param options these options by name, each with its value
	 * @return what they say, the secrets read from their files
	 * @throws IllegalArgumentException naming the option at fault, for an unknown option, a missing
	 * {@code --nats}, a malformed value, credentials of more than one kind, or a file that cannot be read
	 */
	public static NatsBridgeArgs parse(Map<String, String> options) {
		for (String name : options.keySet()) {
			if (!accepts(name)) {
				throw new IllegalArgumentException("unknown argument " + name);
			}
		}
		NatsOptions.Builder nats = NatsOptions.builder()
			.servers(servers(options.get("--nats")))
			.connectionName("aiodistbus-bridge")
			.credentials(credentials(options));
		if (options.containsKey("--nats-subject-prefix")) {
			nats.subjectPrefix(named("--nats-subject-prefix", () -> Subjects.checkPrefix(options.get("--nats-subject-prefix"))));
		}
		return new NatsBridgeArgs(nats.build(), patterns(options, "--to-nats"), patterns(options, "--from-nats"));
	}

	/**
	 * Opens the bridge these arguments describe to a broker.
	 * @param host the broker's address
	 * @param port its handshake port
	 * @param clientOptions how the bridge's client connects to it
	 * @return the open bridge
	 * @throws io.aiodistbus.distributed.ConnectTimeoutException if the broker does not answer
	 * @throws NatsConnectException if no NATS server does
	 */
	public NatsBridge open(String host, int port, ClientOptions clientOptions) {
		return NatsBridge.open(host, port, clientOptions, this.natsOptions, this.toNats, this.fromNats);
	}

	/**
	 * @param broker the broker's address, as the line shows it
	 * @return one line saying what the bridge joins, as it is printed at start
	 */
	public String describe(String broker) {
		return "aiodistbus bridge: broker " + broker + " <-> NATS " + this.natsOptions.servers() + " under '"
				+ this.natsOptions.subjectPrefix() + ".' (to NATS: " + this.toNats + ", from NATS: " + this.fromNats + ")";
	}

	/**
	 * @param failure the bridge's failed connect to NATS
	 * @return what to tell the user of a command line: which servers, why, and which options to check
	 */
	public static String unreachable(NatsConnectException failure) {
		return "No NATS server of " + failure.servers() + " accepted the bridge's connection: "
				+ failure.getCause().getMessage() + ". Start one there, or fix --nats and the --nats-* credentials";
	}

	private static List<String> patterns(Map<String, String> options, String name) {
		List<String> patterns = split(options.getOrDefault(name, "*"));
		patterns.forEach((pattern) -> named(name, () -> TypePatterns.validate(pattern)));
		return patterns;
	}

	/** @throws IllegalArgumentException unless they are one or more URLs jnats takes */
	private static List<String> servers(String list) {
		List<String> servers = (list != null) ? split(list) : List.of();
		if (servers.isEmpty()) {
			throw new IllegalArgumentException("--nats URL[,URL...] is required");
		}
		named("--nats", () -> io.nats.client.Options.builder().servers(servers.toArray(new String[0])));
		return servers;
	}

	private static NatsCredentials credentials(Map<String, String> options) {
		List<String> given = CREDENTIALS.stream().filter(options::containsKey).toList();
		if (given.size() > 1) {
			throw new IllegalArgumentException("give one kind of NATS credentials, not " + String.join(" and ", given));
		}
		boolean user = given.contains("--nats-user");
		if (user != options.containsKey("--nats-password-file")) {
			throw new IllegalArgumentException("--nats-user and --nats-password-file go together");
		}
		if (given.isEmpty()) {
			return null;
		}
		String kind = given.get(0);
		String fileOption = user ? "--nats-password-file" : kind;
		Path file = Path.of(options.get(fileOption));
		if (kind.equals("--nats-creds")) {
			return named(kind, () -> NatsCredentials.credsFile(file));
		}
		String secret;
		try {
			secret = Files.readString(file).strip();
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(fileOption + " cannot be read: " + ex.getMessage(), ex);
		}
		return named(fileOption, () -> switch (kind) {
			case "--nats-user" -> NatsCredentials.userPassword(options.get(kind), secret);
			case "--nats-token-file" -> NatsCredentials.token(secret);
			default -> NatsCredentials.nkey(secret);
		});
	}

	/** @return the value, or the failure to make it with the option's name in front */
	private static <T> T named(String option, Supplier<T> value) {
		try {
			return value.get();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(option + ": " + ex.getMessage(), ex);
		}
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
