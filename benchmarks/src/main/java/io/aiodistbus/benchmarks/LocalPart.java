package io.aiodistbus.benchmarks;

import java.util.Map;

import org.openjdk.jmh.runner.RunnerException;

import io.aiodistbus.benchmarks.JmhRunner.Measured;
import io.aiodistbus.benchmarks.jmh.LocalDispatchBenchmark;

/** Part 1: local dispatch, ours against Guava, Spring and a plain map, and the cost of wildcards. */
final class LocalPart {

	private LocalPart() {
	}

	static void run(JmhRunner jmh, ResultTable table) throws RunnerException {
		Map<String, Measured> results = jmh.run(LocalDispatchBenchmark.class);
		for (int subscribers : new int[] { 1, 10 }) {
			String suffix = "[subscribers=" + subscribers + "]";
			Measured ours = results.get("aiodistbus" + suffix);
			Measured guava = results.get("guava" + suffix);
			Measured spring = results.get("spring" + suffix);
			Measured map = results.get("concurrentMap" + suffix);
			Measured wildcards = results.get("aiodistbusWith10kWildcards" + suffix);
			Measured uncached = results.get("aiodistbusUncachedTypes" + suffix);
			Measured uncachedWildcards = results.get("aiodistbusUncachedTypesWith10kWildcards" + suffix);
			String part = "local, " + subscribers + " sub";
			emits(table, part, "aiodistbus emit", ours);
			emits(table, part, "Guava EventBus post", guava);
			emits(table, part, "Spring publishEvent", spring);
			emits(table, part, "ConcurrentHashMap lookup (limit)", map);
			emits(table, part, "aiodistbus + 10k wildcards", wildcards);
			emits(table, part, "aiodistbus, uncached types (bench.* sub)", uncached);
			emits(table, part, "aiodistbus, uncached types + 10k wildcards", uncachedWildcards);
			table.ratio(part, "aiodistbus / Guava", ratio(ours, guava), 2, true, "");
			table.ratio(part, "aiodistbus / Spring", ratio(ours, spring), 4, true, "");
			table.ratio(part, "aiodistbus / ConcurrentHashMap", ratio(ours, map), Double.NaN, true, "no target: the limit");
			table.ratio(part, "10k wildcards / without", ratio(wildcards, ours), 0.5, true, "type cached");
			table.ratio(part, "uncached: 10k wildcards / without", ratio(uncachedWildcards, uncached), Double.NaN,
					true, "no target: trie walk per emit");
		}
	}

	private static void emits(ResultTable table, String part, String what, Measured measured) {
		if (measured == null) {
			table.add(part, what, Figure.NONE, Unit.PER_SECOND, "not run");
			return;
		}
		table.add(part, what, measured.opsPerSecond(), Unit.PER_SECOND,
				"alloc " + Unit.BYTES.print(measured.bytesPerOp().median()) + "/emit");
	}

	/**
	 * The ratio of medians. JMH iterations of two benchmarks do not pair up, so min and max are the
	 * widest the two spreads allow (worst against best, best against worst).
	 */
	static Figure ratio(Measured numerator, Measured denominator) {
		if (numerator == null || denominator == null) {
			return Figure.NONE;
		}
		Figure top = numerator.opsPerSecond();
		Figure bottom = denominator.opsPerSecond();
		return new Figure(top.median() / bottom.median(), top.min() / bottom.max(), top.max() / bottom.min(),
				Math.min(top.runs(), bottom.runs()));
	}
}
