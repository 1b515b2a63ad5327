package io.aiodistbus.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.ClientSecurity;
import io.aiodistbus.distributed.CurveKeyPair;
import io.aiodistbus.distributed.DEntryPoint;

/**
 * The command line of the client commands ({@code pub}, {@code sub}, {@code bench}): where the
 * broker is, the CURVE keys, and each command's own options; the words that are no option are the
 * command's arguments.
 */
final class ClientArgs {

	String host = "127.0.0.1";

	int port = 5555;

	Path secretKeyFile;

	String brokerKey;

	/** {@code sub}: events to print before exiting, 0 for no end; {@code bench}: events to send. */
	long count;

	/** {@code bench}: the payload's size in bytes. */
	int size = 100;

	Duration connectTimeout = Duration.ofSeconds(10);

	final Map<String, String> headers = new LinkedHashMap<>();

	final List<String> arguments = new ArrayList<>();

	/**
	 * @param args the words after the command's name
	 * @return them, read
	 * @throws IllegalArgumentException for an unknown option or a bad value
	 */
	static ClientArgs parse(List<String> args) {
		ClientArgs parsed = new ClientArgs();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (!arg.startsWith("--")) {
				parsed.arguments.add(arg);
				continue;
			}
			if (i + 1 >= args.size()) {
				throw new IllegalArgumentException("Missing value after " + arg);
			}
			String value = args.get(++i);
			switch (arg) {
				case "--host" -> parsed.host = value;
				case "--port" -> parsed.port = BrokerMain.parsePort(arg, value);
				case "--secret-key-file" -> parsed.secretKeyFile = Path.of(value);
				case "--broker-key" -> parsed.brokerKey = value;
				case "--count", "--events" -> parsed.count = positive(arg, value);
				case "--size" -> parsed.size = (int) Math.min(positive(arg, value), Integer.MAX_VALUE);
				case "--connect-timeout" -> parsed.connectTimeout = Duration.ofSeconds(positive(arg, value));
				case "--header" -> {
					int equals = value.indexOf('=');
					if (equals <= 0) {
						throw new IllegalArgumentException("--header needs NAME=VALUE, got '" + value + "'");
					}
					parsed.headers.put(value.substring(0, equals), value.substring(equals + 1));
				}
				default -> throw new IllegalArgumentException("Unknown option " + arg);
			}
		}
		if ((parsed.secretKeyFile == null) != (parsed.brokerKey == null)) {
			throw new IllegalArgumentException("--secret-key-file and --broker-key go together: a CURVE client needs "
					+ "its own key pair and the broker's public key (which the broker prints at start)");
		}
		return parsed;
	}

	private static long positive(String arg, String value) {
		try {
			long number = Long.parseLong(value);
			if (number < 0) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(arg + " needs a number, got '" + value + "'");
		}
	}

	/** @return the client options: the defaults, with CURVE when the keys were given */
	ClientOptions clientOptions() {
		ClientOptions options = ClientOptions.defaults().withConnectTimeout(this.connectTimeout);
		if (this.secretKeyFile == null) {
			return options;
		}
		try {
			return options.withSecurity(ClientSecurity.curve(CurveKeyPair.fromFile(this.secretKeyFile), this.brokerKey));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot read " + this.secretKeyFile + ": " + ex.getMessage(), ex);
		}
	}

	/** @return a client connected to the broker */
	DEntryPoint connect() {
		DEntryPoint client = new DEntryPoint(clientOptions());
		try {
			client.connect(this.host, this.port);
			return client;
		}
		catch (RuntimeException ex) {
			client.close();
			throw ex;
		}
	}

	String broker() {
		return (this.host.contains(":") && !this.host.startsWith("[")) ? "[" + this.host + "]:" + this.port
				: this.host + ":" + this.port;
	}

}
