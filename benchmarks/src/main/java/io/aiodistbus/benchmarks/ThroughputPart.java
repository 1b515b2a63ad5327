package io.aiodistbus.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.aiodistbus.benchmarks.distributed.ThroughputRun;

/**
 * Part 2a: loopback throughput at 1 -> 1, 1 -> 10 and 1 -> 50 receivers. Each round runs every
 * contender back to back, so that a ratio compares runs made under the same load; the figures are
 * medians over the measured rounds, after one warm-up round.
 */
final class ThroughputPart {

	static final int[] FAN_OUTS = { 1, 10, 50 };

	/** A full run sends for at most this long, so that a slow contender cannot stretch the suite. */
	static final double SEND_SECONDS = 2;

	private final SuiteOptions options;

	private final ResultTable table;

	private int round = 1;

	/** Samples by contender and fan-out. */
	private final Map<String, List<ThroughputRun.Result>> results = new HashMap<>();

	ThroughputPart(SuiteOptions options, ResultTable table) {
		this.options = options;
		this.table = table;
	}

	/** The most events per run: about a million deliveries in full (or {@link #SEND_SECONDS}), a few hundred in smoke. */
	private long events(int fanOut) {
		if (this.options.smoke()) {
			return Math.max(2_000 / fanOut, 40);
		}
		return (fanOut == 1) ? 500_000 : 1_000_000 / fanOut;
	}

	/** @return the median 1 -> 1 rate of our bus, for the fan-out-without-loss check */
	double run() {
		int warmups = this.options.smoke() ? 0 : 1;
		int rounds = this.options.smoke() ? 1 : 3;
		List<Contenders.Throughput> contenders = Contenders.throughput();
		for (int r = 0; r < warmups + rounds; r++) {
			boolean measured = r >= warmups;
			for (int fanOut : FAN_OUTS) {
				for (Contenders.Throughput contender : contenders) {
					if (!runsAt(contender.name(), fanOut)) {
						continue;
					}
					ThroughputRun.Result result = ThroughputRun.run(contender.topologies(), fanOut, events(fanOut),
							this.options.smoke() ? 1 : SEND_SECONDS, 0, this.round++);
					Progress.log("throughput %s 1->%d %s: %.0f deliveries/s, lost %d, dup %d", measured ? "" : "(warm-up)",
							fanOut, contender.name(), result.deliveriesPerSecond(), result.lost(), result.duplicated());
					if (measured) {
						this.results.computeIfAbsent(key(contender.name(), fanOut), (k) -> new ArrayList<>()).add(result);
					}
				}
			}
		}
		for (int fanOut : FAN_OUTS) {
			String part = "throughput 1->" + fanOut;
			for (Contenders.Throughput contender : contenders) {
				List<ThroughputRun.Result> runs = this.results.get(key(contender.name(), fanOut));
				if (runs == null) {
					continue;
				}
				this.table.add(part, contender.name() + " deliveries/s", Figure.of(rates(runs)), Unit.PER_SECOND,
						losses(runs));
			}
			ratio(part, fanOut, Contenders.OURS, Contenders.RELAY, (fanOut == 1) ? 0.5 : Double.NaN);
			ratio(part, fanOut, Contenders.OURS, Contenders.RELAY_NATIVE, Double.NaN);
			ratio(part, fanOut, Contenders.RELAY_NATIVE, Contenders.NATS, Double.NaN);
			ratio(part, fanOut, Contenders.OURS, Contenders.DIRECT, Double.NaN);
			ratio(part, fanOut, Contenders.OUR_BROKER, Contenders.RELAY, Double.NaN);
			ratio(part, fanOut, Contenders.OURS, Contenders.NATS, (fanOut <= 10) ? 1.0 : Double.NaN);
			ratio(part, fanOut, Contenders.OURS_PYTHON, Contenders.RELAY, (fanOut == 1) ? 0.95 : Double.NaN);
			ratio(part, fanOut, Contenders.OURS_CURVE, Contenders.OURS, Double.NaN);
			ratio(part, fanOut, Contenders.OURS, Contenders.REDIS, Double.NaN);
			ratio(part, fanOut, Contenders.OURS_ON_NATS, Contenders.NATS, (fanOut == 1) ? 0.8 : Double.NaN);
			ratio(part, fanOut, Contenders.OURS_ON_NATS, Contenders.OURS, Double.NaN);
		}
		cpuPerEvent(contenders);
		List<ThroughputRun.Result> ours = this.results.get(key(Contenders.OURS, 1));
		if (ours != null) {
			Figure rate = Figure.of(rates(ours));
			this.table.target("throughput 1->1", "aiodistbus events/s (absolute)", rate, Unit.PER_SECOND, ">= 160.0 k/s",
					rate.median() >= 160_000, "");
			return rate.median();
		}
		return Double.NaN;
	}

	/**
	 * CPU time per delivered event at 1 -> 1, by thread group: where each contender's time goes,
	 * in a figure the machine's other load barely moves.
	 */
	private void cpuPerEvent(List<Contenders.Throughput> contenders) {
		for (Contenders.Throughput contender : contenders) {
			List<ThroughputRun.Result> runs = this.results.get(key(contender.name(), 1));
			if (runs == null) {
				continue;
			}
			List<Double> totals = new ArrayList<>();
			List<Double> allocations = new ArrayList<>();
			Map<String, List<Double>> byGroup = new HashMap<>();
			for (ThroughputRun.Result run : runs) {
				double events = Math.max(run.received(), 1);
				allocations.add(run.allocatedBytes() / events);
				double total = 0;
				for (Map.Entry<String, Long> entry : run.cpuNanos().entrySet()) {
					double micros = entry.getValue() / 1e3 / events;
					total += micros;
					byGroup.computeIfAbsent(entry.getKey(), (k) -> new ArrayList<>()).add(micros);
				}
				totals.add(total);
			}
			StringBuilder note = new StringBuilder("median by thread:");
			byGroup.entrySet().stream()
				.map((entry) -> Map.entry(entry.getKey(), Figure.of(entry.getValue()).median()))
				.filter((entry) -> entry.getValue() >= 0.05)
				.sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
				.forEach((entry) -> note.append(String.format(Locale.ROOT, " %s %.2f;", entry.getKey(), entry.getValue())));
			this.table.add("throughput 1->1", contender.name() + " CPU per event, all threads", Figure.of(totals),
					Unit.CPU_MICROS, note.toString());
			this.table.add("throughput 1->1", contender.name() + " allocated per event, all threads",
					Figure.of(allocations), Unit.BYTES, "publisher, broker and receiver together");
		}
	}

	/**
	 * Part 2b: 1 -> 50 at a bounded rate, read two ways since the target does not say which: the
	 * publisher at half our 1 -> 1 rate (50x the deliveries), and deliveries summed over the 50
	 * receivers at half that rate. A reading a contender does not hold in its first run (it loses, or
	 * its publisher falls behind) is not repeated.
	 * @param ours1to1 our median 1 -> 1 events per second
	 */
	void fanOutWithoutLoss(double ours1to1) {
		if (Double.isNaN(ours1to1)) {
			return;
		}
		int runs = this.options.smoke() ? 1 : 3;
		double seconds = this.options.smoke() ? 0.1 : 3;
		double[] rates = { ours1to1 / 2, ours1to1 / 2 / 50 };
		String[] names = { "publish at 1/2 of 1->1 rate", "deliveries at 1/2 of 1->1 rate" };
		for (Contenders.Throughput contender : Contenders.throughput()) {
			// 50 JeroMQ receivers connect in seconds: in smoke, none of the baselines and only the first reading
			if (contender.name().equals(Contenders.DIRECT) || !runsAt(contender.name(), 50)
					|| (this.options.smoke() && contender.name().equals(Contenders.RELAY))) {
				continue;
			}
			for (int i = 0; i < (this.options.smoke() ? 1 : rates.length); i++) {
				List<ThroughputRun.Result> results = new ArrayList<>();
				long events = Math.max((long) (rates[i] * seconds), 20);
				for (int r = 0; r < runs; r++) {
					// a broker that cannot take the rate may slow the publisher down rather than drop (NATS and
					// Redis do): sending stops at twice the planned time, and the note says what rate it kept
					ThroughputRun.Result result = ThroughputRun.run(contender.topologies(), 50, events, 2 * seconds,
							rates[i], this.round++);
					results.add(result);
					if (!held(result, rates[i])) {
						// beyond this contender on this machine: each repeat would say so again, after half a
						// minute of draining the queues it filled
						break;
					}
				}
				long lost = results.stream().mapToLong(ThroughputRun.Result::lost).sum();
				List<Double> lostFractions = new ArrayList<>();
				List<Double> sentRates = new ArrayList<>();
				for (ThroughputRun.Result result : results) {
					lostFractions.add((double) result.lost());
					sentRates.add(result.sentPerSecond());
				}
				double sentRate = Figure.of(sentRates).median();
				Progress.log("fan-out 1->50 %s %s: lost %d, sent at %.0f/s", contender.name(), names[i], lost,
						sentRate);
				String what = contender.name() + " lost, " + names[i]
						+ String.format(Locale.ROOT, " (%.0f/s x 50)", rates[i]);
				this.table.target("fan-out 1->50", what, Figure.of(lostFractions), Unit.COUNT, "0 lost",
						contender.name().equals(Contenders.OURS) ? lost == 0 : null,
						losses(results) + String.format(Locale.ROOT, ", sent at %.0f/s (median)", sentRate));
			}
		}
	}

	/**
	 * Diagnostics and variants of our bus run where they tell something, to keep the part short: the
	 * bare clients and CURVE at 1 -> 1, the Python format and the bare relay with native frames up to
	 * 1 -> 10.
	 */
	private static boolean runsAt(String contender, int fanOut) {
		if (contender.equals(Contenders.OUR_BROKER) || contender.equals(Contenders.OURS_CURVE)) {
			return fanOut == 1;
		}
		if (contender.equals(Contenders.OURS_PYTHON) || contender.equals(Contenders.RELAY_NATIVE)
				|| contender.equals(Contenders.OURS_ON_NATS)) {
			return fanOut <= 10;
		}
		return true;
	}

	/** @return whether a run delivered everything it sent, and sent at (nearly) the rate asked */
	private static boolean held(ThroughputRun.Result result, double rate) {
		return result.lost() == 0 && result.sentPerSecond() >= 0.9 * rate;
	}

	private void ratio(String part, int fanOut, String contender, String baseline, double target) {
		List<ThroughputRun.Result> ours = this.results.get(key(contender, fanOut));
		List<ThroughputRun.Result> base = this.results.get(key(baseline, fanOut));
		if (ours == null || base == null) {
			return;
		}
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(ours.size(), base.size()); i++) {
			ratios.add(ours.get(i).deliveriesPerSecond() / base.get(i).deliveriesPerSecond());
		}
		this.table.ratio(part, contender + " / " + baseline, Figure.of(ratios), target, true, "per-round ratio");
	}

	static List<Double> rates(List<ThroughputRun.Result> runs) {
		List<Double> rates = new ArrayList<>();
		for (ThroughputRun.Result run : runs) {
			rates.add(run.deliveriesPerSecond());
		}
		return rates;
	}

	/** Loss, duplicates and reordering summed over the runs, so that any at all shows. */
	static String losses(List<ThroughputRun.Result> runs) {
		long expected = 0;
		long lost = 0;
		long duplicated = 0;
		long outOfOrder = 0;
		for (ThroughputRun.Result run : runs) {
			expected += run.expected();
			lost += run.lost();
			duplicated += run.duplicated();
			outOfOrder += run.outOfOrder();
		}
		return String.format(Locale.ROOT, "lost %d of %d (%.2f%%), dup %d, out-of-order %d", lost, expected,
				(expected > 0) ? 100.0 * lost / expected : 0, duplicated, outOfOrder);
	}

	private static String key(String name, int fanOut) {
		return name + "/" + fanOut;
	}
}
