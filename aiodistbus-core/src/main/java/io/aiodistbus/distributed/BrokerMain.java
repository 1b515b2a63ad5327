package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a broker on its own: {@code java -jar aiodistbus-core-<version>-broker.jar --host 0.0.0.0
 * --port 5555 --pulse 15s}. It serves until the process is stopped; a shutdown hook closes it, so
 * clients hear its close.
 */
public final class BrokerMain {

	private BrokerMain() {
	}

	/**
	 * @param args {@code --host H}, {@code --port P}, {@code --pulse D} (e.g. {@code 15s},
	 * {@code 500ms}), {@code --help}
	 * @throws InterruptedException if interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		BrokerOptions options;
		try {
			options = parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(usage());
			System.exit(2);
			return;
		}
		if (options == null) {
			System.out.println(usage());
			return;
		}
		DEventBus broker = new DEventBus(options);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			broker.close();
			stopped.countDown();
		}, "aiodistbus-broker-shutdown"));
		System.out.println("aiodistbus broker on " + broker.host() + ":" + broker.port() + " (publish "
				+ (broker.port() + 1) + ", collect " + (broker.port() + 2) + ")");
		stopped.await();
	}

	static BrokerOptions parse(String[] args) {
		BrokerOptions options = BrokerOptions.defaults().withPort(5555);
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
				case "--port" -> options = options.withPort(parsePort(value));
				case "--pulse" -> options = options.withPulse(parseDuration(value));
				default -> throw new IllegalArgumentException("Unknown option " + arg);
			}
		}
		return options;
	}

	private static int parsePort(String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--port needs a number, got '" + value + "'");
		}
	}

	static Duration parseDuration(String value) {
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
		return "usage: broker [--host 127.0.0.1] [--port 5555] [--pulse 15s]";
	}
}
