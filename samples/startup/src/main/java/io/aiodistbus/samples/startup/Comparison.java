package io.aiodistbus.samples.startup;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The runs of one comparison, paired: {@code without.get(i)} and {@code with.get(i)} ran one after
 * the other, so their ratio is taken under the same load.
 *
 * @param without the runs with the starter's auto-configurations excluded
 * @param with the runs with the starter in client mode
 * @param handshakes how many handshakes the broker answered during the measured runs
 */
record Comparison(List<StartupRun> without, List<StartupRun> with, long handshakes) {

	private static final String PART = "start-up, Boot app";

	/** @return the figures in the columns of the benchmark table */
	String markdown() {
		List<Double> ratios = IntStream.range(0, this.with.size())
			.mapToObj((i) -> this.with.get(i).startedIn() / this.without.get(i).startedIn())
			.toList();
		return "| part | measurement | median | min | max | runs | target | met | notes |\n"
				+ "|---|---|---:|---:|---:|---:|---|---|---|\n"
				+ row("without the starter: Started in", seconds(this.without, StartupRun::startedIn), "%.3f s",
						"same app and arguments, aiodistbus auto-configurations excluded (jars still on the class path); "
								+ uptime(this.without))
				+ row("with the starter, client mode: Started in", seconds(this.with, StartupRun::startedIn), "%.3f s",
						"connected to a broker in the harness JVM (handshakes answered: " + this.handshakes + "); "
								+ uptime(this.with))
				+ row("with / without, per pair", Spread.of(ratios), "%.2fx", "which of the pair starts first alternates");
	}

	private static Spread seconds(List<StartupRun> runs, ToDoubleFunction<StartupRun> figure) {
		return Spread.of(runs.stream().map(figure::applyAsDouble).toList());
	}

	/** The JVM's own start comes on top of Spring Boot's figure, the same with the starter or without. */
	private static String uptime(List<StartupRun> runs) {
		return String.format(Locale.ROOT, "JVM uptime then: median %.3f s", seconds(runs, StartupRun::uptime).median());
	}

	private static String row(String what, Spread spread, String format, String notes) {
		return "| " + PART + " | " + what + " | " + String.format(Locale.ROOT, format, spread.median()) + " | "
				+ String.format(Locale.ROOT, format, spread.min()) + " | " + String.format(Locale.ROOT, format, spread.max())
				+ " | " + spread.runs() + " |  |  | " + notes + " |\n";
	}
}
