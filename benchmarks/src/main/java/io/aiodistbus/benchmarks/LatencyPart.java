package io.aiodistbus.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.aiodistbus.benchmarks.distributed.LatencyRun;

/**
 * Part 2c: round trips through the broker at 2,000 pings per second. Rounds alternate the
 * contenders, so that each p50 and p99 ratio compares runs made under the same load; the spec notes
 * warn that tails on this machine are set by the kernel tick, so p99 is read as a ratio only.
 */
final class LatencyPart {

	static final double RATE = 2_000;

	private final SuiteOptions options;

	private final ResultTable table;

	LatencyPart(SuiteOptions options, ResultTable table) {
		this.options = options;
		this.table = table;
	}

	void run() {
		int rounds = this.options.smoke() ? 1 : 3;
		int warmup = this.options.smoke() ? 100 : 2_000;
		int measured = this.options.smoke() ? 200 : 20_000;
		Map<String, List<LatencyRun.Result>> results = new HashMap<>();
		List<Contenders.Latency> contenders = Contenders.latency();
		for (int r = 0; r < rounds; r++) {
			for (Contenders.Latency contender : contenders) {
				LatencyRun.Result result = LatencyRun.run(contender.pingPongs(), RATE, warmup, measured);
				Progress.log("latency %s: p50 %.0f us, p99 %.0f us, p99.9 %.0f us, lost %d", contender.name(),
						result.p50Micros(), result.p99Micros(), result.p999Micros(), result.lost());
				results.computeIfAbsent(contender.name(), (k) -> new ArrayList<>()).add(result);
			}
		}
		String part = "round trip @2k/s";
		for (Contenders.Latency contender : contenders) {
			List<LatencyRun.Result> runs = results.get(contender.name());
			long lost = runs.stream().mapToLong(LatencyRun.Result::lost).sum();
			long samples = runs.stream().mapToLong(LatencyRun.Result::samples).sum();
			String note = "samples " + samples + ", lost " + lost;
			this.table.add(part, contender.name() + " p50", figure(runs, LatencyRun.Result::p50Micros), Unit.MICROS, note);
			this.table.add(part, contender.name() + " p99", figure(runs, LatencyRun.Result::p99Micros), Unit.MICROS, "");
			this.table.add(part, contender.name() + " p99.9", figure(runs, LatencyRun.Result::p999Micros), Unit.MICROS,
					"");
			cpuPerRoundTrip(part, contender.name(), runs, measured);
		}
		List<LatencyRun.Result> ours = results.get(Contenders.OURS);
		List<LatencyRun.Result> relay = results.get(Contenders.RELAY);
		if (ours != null && relay != null) {
			this.table.ratio(part, "p50 aiodistbus / bare relay", ratios(ours, relay, LatencyRun.Result::p50Micros), 1.5,
					false, "per-round ratio");
			this.table.ratio(part, "p99 aiodistbus / bare relay", ratios(ours, relay, LatencyRun.Result::p99Micros), 2,
					false, "per-round ratio");
		}
		for (String other : List.of(Contenders.NATS, Contenders.REDIS)) {
			List<LatencyRun.Result> theirs = results.get(other);
			if (ours != null && theirs != null) {
				this.table.ratio(part, "p50 aiodistbus / " + other, ratios(ours, theirs, LatencyRun.Result::p50Micros),
						other.equals(Contenders.NATS) ? 1.5 : Double.NaN, false, "per-round ratio");
				this.table.ratio(part, "p99 aiodistbus / " + other, ratios(ours, theirs, LatencyRun.Result::p99Micros),
						Double.NaN, false, "per-round ratio");
			}
		}
		List<LatencyRun.Result> inline = results.get(Contenders.OURS_INLINE);
		List<LatencyRun.Result> nats = results.get(Contenders.NATS);
		if (inline != null && nats != null) {
			this.table.ratio(part, "p50 " + Contenders.OURS_INLINE + " / " + Contenders.NATS,
					ratios(inline, nats, LatencyRun.Result::p50Micros), Double.NaN, false,
					"per-round ratio; an opt-in for handlers that never block");
		}
		List<LatencyRun.Result> onNats = results.get(Contenders.OURS_ON_NATS);
		if (onNats != null && nats != null) {
			this.table.ratio(part, "p50 " + Contenders.OURS_ON_NATS + " / " + Contenders.NATS,
					ratios(onNats, nats, LatencyRun.Result::p50Micros), Double.NaN, false,
					"per-round ratio; the same server, our envelope and dispatch");
			this.table.ratio(part, "p99 " + Contenders.OURS_ON_NATS + " / " + Contenders.NATS,
					ratios(onNats, nats, LatencyRun.Result::p99Micros), Double.NaN, false, "per-round ratio");
		}
		List<LatencyRun.Result> pythonFormat = results.get(Contenders.OURS_PYTHON);
		if (pythonFormat != null && relay != null) {
			this.table.ratio(part, "p50 " + Contenders.OURS_PYTHON + " / bare relay",
					ratios(pythonFormat, relay, LatencyRun.Result::p50Micros), Double.NaN, false, "per-round ratio");
		}
		List<LatencyRun.Result> ourBroker = results.get(Contenders.OUR_BROKER);
		if (ourBroker != null && relay != null) {
			this.table.ratio(part, "p50 bare clients via our broker / bare relay",
					ratios(ourBroker, relay, LatencyRun.Result::p50Micros), Double.NaN, false, "the broker's share");
		}
	}

	/**
	 * CPU per round trip by thread group: at a low rate nothing is batched, so every message pays its
	 * thread wake-ups, and this says whose.
	 */
	private void cpuPerRoundTrip(String part, String name, List<LatencyRun.Result> runs, int measured) {
		List<Double> totals = new ArrayList<>();
		Map<String, List<Double>> byGroup = new HashMap<>();
		for (LatencyRun.Result run : runs) {
			double total = 0;
			for (Map.Entry<String, Long> entry : run.cpuNanos().entrySet()) {
				double micros = entry.getValue() / 1e3 / measured;
				total += micros;
				byGroup.computeIfAbsent(entry.getKey(), (k) -> new ArrayList<>()).add(micros);
			}
			totals.add(total);
		}
		StringBuilder note = new StringBuilder("median by thread:");
		byGroup.entrySet().stream()
			.map((entry) -> Map.entry(entry.getKey(), Figure.of(entry.getValue()).median()))
			.filter((entry) -> entry.getValue() >= 0.5)
			.sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
			.forEach((entry) -> note.append(String.format(java.util.Locale.ROOT, " %s %.0f;", entry.getKey(),
					entry.getValue())));
		this.table.add(part, name + " CPU per round trip, all threads", Figure.of(totals), Unit.MICROS,
				note.toString());
	}

	private static Figure figure(List<LatencyRun.Result> runs, ToDoubleFunction<LatencyRun.Result> value) {
		List<Double> values = new ArrayList<>();
		runs.forEach((run) -> values.add(value.applyAsDouble(run)));
		return Figure.of(values);
	}

	private static Figure ratios(List<LatencyRun.Result> top, List<LatencyRun.Result> bottom,
			ToDoubleFunction<LatencyRun.Result> value) {
		List<Double> values = new ArrayList<>();
		for (int i = 0; i < Math.min(top.size(), bottom.size()); i++) {
			values.add(value.applyAsDouble(top.get(i)) / value.applyAsDouble(bottom.get(i)));
		}
		return Figure.of(values);
	}
}
