package io.aiodistbus.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs JMH benchmarks through its Runner API and turns every measured iteration into a sample, so
 * that JMH figures get the same median/min/max treatment as the harness figures. The GC profiler
 * is always on: its normalized allocation rate is the allocation per operation.
 */
public final class JmhRunner {

	private final SuiteOptions options;

	/**
	 * @param options smoke or full, and verbosity
	 */
	public JmhRunner(SuiteOptions options) {
		this.options = options;
	}

	/**
	 * One benchmark method with one set of parameters.
	 * @param method the benchmark method name
	 * @param params its parameters, such as {@code subscribers=10}, empty for none
	 * @param opsPerSecond operations per second over the measured iterations
	 * @param bytesPerOp bytes allocated per operation over the measured iterations
	 */
	public record Measured(String method, String params, Figure opsPerSecond, Figure bytesPerOp) {

		/** @return {@code method} or {@code method[params]} */
		public String key() {
			return this.params.isEmpty() ? this.method : this.method + "[" + this.params + "]";
		}
	}

	/**
	 * Runs every benchmark method of a class.
	 * @param benchmarkClass the class
	 * @return the results by {@link Measured#key()}
	 * @throws RunnerException if JMH fails or a benchmark throws
	 */
	public Map<String, Measured> run(Class<?> benchmarkClass) throws RunnerException {
		ChainedOptionsBuilder builder = new OptionsBuilder()
			.include("^" + benchmarkClass.getName().replace(".", "\\.") + "\\.")
			.addProfiler(GCProfiler.class)
			.shouldFailOnError(true)
			.verbosity(this.options.verbose() ? VerboseMode.NORMAL : VerboseMode.SILENT);
		if (this.options.smoke()) {
			// in-process and a few 100 ms iterations: proves the benchmark runs, measures nothing
			builder.forks(0)
				.warmupIterations(1)
				.warmupTime(TimeValue.milliseconds(100))
				.measurementIterations(3)
				.measurementTime(TimeValue.milliseconds(100));
		}
		else {
			builder.forks(1)
				.jvmArgsAppend("-Xms1g", "-Xmx1g")
				.warmupIterations(3)
				.warmupTime(TimeValue.seconds(1))
				.measurementIterations(5)
				.measurementTime(TimeValue.seconds(1))
				.timeUnit(TimeUnit.SECONDS);
		}
		Map<String, Measured> results = new LinkedHashMap<>();
		for (RunResult run : new Runner(builder.build()).run()) {
			Measured measured = measured(run);
			results.put(measured.key(), measured);
		}
		return results;
	}

	private static Measured measured(RunResult run) {
		BenchmarkParams params = run.getParams();
		String benchmark = params.getBenchmark();
		String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
		List<String> keys = new ArrayList<>(params.getParamsKeys());
		StringBuilder text = new StringBuilder();
		for (String key : keys) {
			text.append(text.isEmpty() ? "" : ",").append(key).append('=').append(params.getParam(key));
		}
		List<Double> ops = new ArrayList<>();
		List<Double> bytes = new ArrayList<>();
		for (BenchmarkResult result : run.getBenchmarkResults()) {
			Collection<IterationResult> iterations = result.getIterationResults();
			for (IterationResult iteration : iterations) {
				ops.add(iteration.getPrimaryResult().getScore());
				bytes.add(allocation(iteration.getSecondaryResults()));
			}
		}
		return new Measured(method, text.toString(), Figure.of(ops), Figure.of(bytes));
	}

	/** The profiler's key changed spelling across JMH versions ("·gc..." before 1.35). */
	@SuppressWarnings("rawtypes") // JMH's own signature
	private static double allocation(Map<String, Result> secondary) {
		for (Map.Entry<String, Result> entry : secondary.entrySet()) {
			if (entry.getKey().endsWith("gc.alloc.rate.norm")) {
				return entry.getValue().getScore();
			}
		}
		return Double.NaN;
	}
}
