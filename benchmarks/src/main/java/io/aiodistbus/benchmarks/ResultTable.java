package io.aiodistbus.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one table the suite prints: every figure as median, min and max over its runs, and ratios
 * against their targets. A ratio is always taken within one suite run, so that the machine's load
 * (shared, 2 cores) weighs on both sides alike.
 */
public final class ResultTable {

	private final List<Row> rows = new ArrayList<>();

	/**
	 * One line of the table.
	 * @param part the suite part
	 * @param what what was measured
	 * @param figure the figure
	 * @param unit how it prints
	 * @param target the target, empty for none
	 * @param met whether the target is met, {@code null} for no target
	 * @param note loss counts and the like
	 */
	public record Row(String part, String what, Figure figure, Unit unit, String target, Boolean met, String note) {
	}

	/** Adds a figure without a target. */
	public void add(String part, String what, Figure figure, Unit unit, String note) {
		this.rows.add(new Row(part, what, figure, unit, "", null, note));
	}

	/**
	 * Adds a ratio and checks it against a target.
	 * @param target the target, {@code NaN} for none
	 * @param atLeast whether the target is a minimum (else a maximum)
	 */
	public void ratio(String part, String what, Figure ratio, double target, boolean atLeast, String note) {
		if (Double.isNaN(target)) {
			this.rows.add(new Row(part, what, ratio, Unit.RATIO, "", null, note));
			return;
		}
		Boolean met = ratio.measured() ? (atLeast ? ratio.median() >= target : ratio.median() <= target) : null;
		String text = (atLeast ? ">= " : "<= ") + String.format(Locale.ROOT, "%.2fx", target);
		this.rows.add(new Row(part, what, ratio, Unit.RATIO, text, met, note));
	}

	/** Adds a figure with a target of its own unit. */
	public void target(String part, String what, Figure figure, Unit unit, String target, Boolean met, String note) {
		this.rows.add(new Row(part, what, figure, unit, target, met, note));
	}

	/** @return the rows so far */
	public List<Row> rows() {
		return List.copyOf(this.rows);
	}

	/** @return the table as Markdown */
	public String markdown() {
		StringBuilder out = new StringBuilder();
		out.append("| part | measurement | median | min | max | runs | target | met | notes |\n");
		out.append("|---|---|---:|---:|---:|---:|---|---|---|\n");
		for (Row row : this.rows) {
			Figure figure = row.figure();
			out.append("| ").append(row.part())
				.append(" | ").append(row.what())
				.append(" | ").append(row.unit().print(figure.median()))
				.append(" | ").append(row.unit().print(figure.min()))
				.append(" | ").append(row.unit().print(figure.max()))
				.append(" | ").append(figure.runs())
				.append(" | ").append(row.target())
				.append(" | ").append((row.met() == null) ? "" : (row.met() ? "yes" : "**no**"))
				.append(" | ").append(row.note())
				.append(" |\n");
		}
		return out.toString();
	}
}
