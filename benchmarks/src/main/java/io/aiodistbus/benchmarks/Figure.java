package io.aiodistbus.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One measured quantity over several runs: the median is the figure, min and max show the spread,
 * which on a shared 2-core machine is often wider than the differences being measured.
 *
 * @param median the median of the runs
 * @param min the lowest run
 * @param max the highest run
 * @param runs how many runs
 */
public record Figure(double median, double min, double max, int runs) {

	/** A figure for something that was not measured. */
	public static final Figure NONE = new Figure(Double.NaN, Double.NaN, Double.NaN, 0);

	/**
	 * @param samples one value per measured run
	 * @return their median, min and max ({@link #NONE} for no samples)
	 */
	public static Figure of(List<Double> samples) {
		List<Double> sorted = new ArrayList<>(samples);
		sorted.removeIf((value) -> value.isNaN());
		if (sorted.isEmpty()) {
			return NONE;
		}
		Collections.sort(sorted);
		int n = sorted.size();
		double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
		return new Figure(median, sorted.get(0), sorted.get(n - 1), n);
	}

	/** @return whether anything was measured */
	public boolean measured() {
		return this.runs > 0;
	}
}
