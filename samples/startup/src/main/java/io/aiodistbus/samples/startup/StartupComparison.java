package io.aiodistbus.samples.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import io.aiodistbus.distributed.DEventBus;

/**
 * Times the start-up of {@link StartupApplication} with the starter in client mode, connecting to a
 * broker this JVM runs, against the same application with the same arguments but the starter's
 * auto-configurations excluded: the difference is what the starter costs at start-up, the connection
 * included. Every run is a JVM of its own; after the warm-ups (which let the OS cache the jars), the
 * runs come in pairs whose order alternates, so that a drift in the machine's load weighs on both.
 * Prints one Markdown table on stdout, progress on stderr.
 * <pre>
 * java -cp "samples/startup/target/classes:$(cat samples/startup/target/classpath.txt)" \
 *     io.aiodistbus.samples.startup.StartupComparison [--runs=5] [--warmups=1]
 * </pre>
 */
public final class StartupComparison {

	private StartupComparison() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		int runs = 5;
		int warmups = 1;
		for (String arg : args) {
			if (arg.startsWith("--runs=")) {
				runs = Integer.parseInt(arg.substring("--runs=".length()));
			}
			else if (arg.startsWith("--warmups=")) {
				warmups = Integer.parseInt(arg.substring("--warmups=".length()));
			}
			else {
				throw new IllegalArgumentException("Unknown option " + arg + "; the options are --runs=N and --warmups=N");
			}
		}
		if (runs < 1 || warmups < 0) {
			throw new IllegalArgumentException("--runs must be at least 1 and --warmups at least 0");
		}
		// without Spring Boot's logging set-up, Logback logs at DEBUG: the broker's lines would bury the table
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		Instant started = Instant.now();
		String load = loadAverage();
		Comparison comparison = run(runs, warmups);
		System.out.println("Run " + started.truncatedTo(ChronoUnit.SECONDS) + ", "
				+ Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("java.vm.name") + " "
				+ System.getProperty("java.runtime.version") + ", load average before: " + load + ", " + runs
				+ " pairs after " + warmups + " warm-up pairs\n");
		System.out.print(comparison.markdown());
	}

	/**
	 * Runs the comparison.
	 * @param runs how many measured pairs
	 * @param warmups how many pairs first, not measured
	 * @return the measured runs
	 * @throws IOException if a JVM cannot be started
	 * @throws InterruptedException if interrupted while waiting for one
	 */
	static Comparison run(int runs, int warmups) throws IOException, InterruptedException {
		try (DEventBus broker = new DEventBus("127.0.0.1", 0)) {
			List<String> with = List.of("--aiodistbus.mode=client", "--aiodistbus.client.port=" + broker.port(),
					"--server.port=0");
			List<String> without = new ArrayList<>(with);
			without.add("--spring.autoconfigure.exclude=" + String.join(",", aiodistbusAutoConfigurations()));
			for (int i = 0; i < warmups; i++) {
				System.err.println("warm-up pair " + (i + 1) + "/" + warmups);
				StartupRun.launch(without);
				StartupRun.launch(with);
			}
			long handshakes = broker.stats().handshakes();
			List<StartupRun> withRuns = new ArrayList<>();
			List<StartupRun> withoutRuns = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				System.err.println("pair " + (i + 1) + "/" + runs);
				boolean withFirst = (i % 2 == 1);
				if (withFirst) {
					withRuns.add(StartupRun.launch(with));
				}
				withoutRuns.add(StartupRun.launch(without));
				if (!withFirst) {
					withRuns.add(StartupRun.launch(with));
				}
			}
			return new Comparison(withoutRuns, withRuns, broker.stats().handshakes() - handshakes);
		}
	}

	/** The starter's auto-configurations as Spring Boot finds them, so that one added later is excluded too. */
	static List<String> aiodistbusAutoConfigurations() {
		List<String> names = new ArrayList<>();
		for (String name : ImportCandidates.load(AutoConfiguration.class, StartupComparison.class.getClassLoader())) {
			if (name.startsWith("io.aiodistbus.")) {
				names.add(name);
			}
		}
		if (names.isEmpty()) {
			throw new IllegalStateException("No aiodistbus auto-configuration on the class path");
		}
		return names;
	}

	/** On a shared machine the others' load explains much of the spread; Linux only. */
	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}
}
