package io.aiodistbus.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs every benchmark and prints one Markdown table on stdout (progress goes to stderr).
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar            # full run, about 15 minutes
 * java -jar benchmarks/target/benchmarks.jar --smoke    # seconds: proves that everything runs
 * </pre>
 * See {@link SuiteOptions} for running some parts only.
 */
public final class BenchmarkSuite {

	private BenchmarkSuite() {
	}

	public static void main(String[] args) throws RunnerException, IOException {
		SuiteOptions options = SuiteOptions.parse(args);
		Instant started = Instant.now();
		String loadBefore = loadAverage();
		ResultTable table = run(options);
		String report = header(args, started) + "Load average (1, 5, 15 min) before: " + loadBefore + "; after: "
				+ loadAverage() + "\n\n" + table.markdown();
		System.out.println();
		System.out.print(report);
		if (options.out() != null) {
			Files.writeString(Path.of(options.out()), report);
		}
		// the buses' daemon threads would not keep the JVM, but JMH's forked-VM plumbing may
		System.exit(0);
	}

	/** What a reader needs to weigh the figures: when, on what, and how the suite was run. */
	private static String header(String[] args, Instant started) {
		long minutes = Duration.between(started, Instant.now()).toMinutes();
		return "Run " + started.truncatedTo(ChronoUnit.SECONDS) + " (" + minutes + " min), "
				+ Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("java.vm.name") + " "
				+ System.getProperty("java.runtime.version") + ", " + System.getProperty("os.name") + " "
				+ System.getProperty("os.arch") + ", max heap "
				+ Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB\n\n"
				+ "Command: `java -jar benchmarks/target/benchmarks.jar" + (args.length > 0 ? " " + String.join(" ", args) : "")
				+ "`\n\n";
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

	/**
	 * Runs the parts the options select.
	 * @param options the options
	 * @return the results
	 * @throws RunnerException if a JMH benchmark fails
	 */
	public static ResultTable run(SuiteOptions options) throws RunnerException {
		ResultTable table = new ResultTable();
		JmhRunner jmh = new JmhRunner(options);
		if (options.runs("local")) {
			Progress.log("local dispatch (JMH)");
			LocalPart.run(jmh, table);
		}
		if (options.runs("codec")) {
			Progress.log("codec (JMH)");
			CodecPart.run(jmh, table);
		}
		if (options.runs("throughput")) {
			Progress.log("distributed throughput");
			ThroughputPart throughput = new ThroughputPart(options, table);
			double ours1to1 = throughput.run();
			throughput.fanOutWithoutLoss(ours1to1);
		}
		if (options.runs("latency")) {
			Progress.log("round-trip latency");
			new LatencyPart(options, table).run();
		}
		if (options.runs("concurrency")) {
			Progress.log("handler concurrency");
			new ConcurrencyPart(options, table).run();
		}
		if (options.runs("memory")) {
			Progress.log("memory");
			new MemoryPart(options, table).run();
		}
		if (options.runs("stress")) {
			Progress.log("stress");
			new StressPart(options, table).run();
		}
		return table;
	}
}
