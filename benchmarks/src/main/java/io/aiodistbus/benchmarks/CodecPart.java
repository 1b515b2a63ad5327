package io.aiodistbus.benchmarks;

import java.util.Map;

import org.openjdk.jmh.runner.RunnerException;

import io.aiodistbus.benchmarks.JmhRunner.Measured;
import io.aiodistbus.benchmarks.jmh.CodecBenchmark;
import io.aiodistbus.benchmarks.jmh.TimestampBenchmark;

/** Part 3: per-event serialization, our frames against a plain Jackson envelope. */
final class CodecPart {

	private CodecPart() {
	}

	static void run(JmhRunner jmh, ResultTable table) throws RunnerException {
		Map<String, Measured> results = jmh.run(CodecBenchmark.class);
		String part = "codec";
		for (String name : new String[] { "aiodistbusRoundTrip", "jacksonRoundTrip", "aiodistbusEncode",
				"jacksonEncode", "aiodistbusDecode", "jacksonDecode", "aiodistbusReceive",
				"aiodistbusReceivePythonDict" }) {
			Measured measured = results.get(name);
			if (measured == null) {
				table.add(part, name, Figure.NONE, Unit.PER_SECOND, "not run");
				continue;
			}
			double nanos = 1e9 / measured.opsPerSecond().median();
			table.add(part, name, measured.opsPerSecond(), Unit.PER_SECOND, String.format(java.util.Locale.ROOT,
					"%.0f ns/event, alloc %s/event", nanos, Unit.BYTES.print(measured.bytesPerOp().median())));
		}
		table.ratio(part, "aiodistbus / Jackson, encode+decode", LocalPart.ratio(results.get("aiodistbusRoundTrip"),
				results.get("jacksonRoundTrip")), Double.NaN, true, "no target; >1 is faster");
		// every received event pays this in DEntryPoint.dispatch; a fixed-layout parser shows the saving
		Map<String, Measured> timestamps = jmh.run(TimestampBenchmark.class);
		for (Measured measured : timestamps.values()) {
			table.add(part, "timestamp " + measured.method(), measured.opsPerSecond(), Unit.PER_SECOND,
					String.format(java.util.Locale.ROOT, "%.0f ns, alloc %s per parse", 1e9 / measured.opsPerSecond()
						.median(), Unit.BYTES.print(measured.bytesPerOp().median())));
		}
		table.ratio(part, "timestamp: fixed-layout parser / core parseTimestamp", LocalPart.ratio(
				timestamps.get("fixedLayoutParser"), timestamps.get("coreParseTimestamp")), Double.NaN, true,
				"the saving a fast path in Event.parseTimestamp would bring");
	}
}
