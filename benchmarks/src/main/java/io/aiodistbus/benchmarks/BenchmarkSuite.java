package io.aiodistbus.benchmarks;

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

	public static void main(String[] args) throws RunnerException {
		SuiteOptions options = SuiteOptions.parse(args);
		ResultTable table = run(options);
		System.out.println();
		System.out.print(table.markdown());
		// the buses' daemon threads would not keep the JVM, but JMH's forked-VM plumbing may
		System.exit(0);
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
