package io.aiodistbus.samples.startup;

import java.util.List;

/**
 * Median, min and max of some runs, as the benchmark table prints them. The benchmarks module's own
 * {@code Figure} is not used: that jar is never installed, and it brings an SLF4J binding of its own.
 *
 * @param median the median
 * @param min the lowest run
 * @param max the highest run
 * @param runs how many runs
 */
record Spread(double median, double min, double max, int runs) {

	/**
	 * @param values one per run, at least one
	 * @return their spread
	 */
	static Spread of(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
		return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
	}
}
