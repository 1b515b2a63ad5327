package io.aiodistbus.benchmarks.jmh;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import io.aiodistbus.event.Event;

/**
 * What a client pays per received event to turn the wire timestamp into an {@link Instant}: the
 * core's {@link Event#parseTimestamp} (a {@code DateTimeFormatter}) against a parser of the fixed
 * layout the Python and Java peers write, which shows what a fast path in the core would save.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TimestampBenchmark {

	private final String text = "2026-11-28T14:05:50.123456";

	@Benchmark
	public Instant coreParseTimestamp() {
		return Event.parseTimestamp(this.text);
	}

	@Benchmark
	public Instant fixedLayoutParser() {
		return FixedLayoutTimestamps.parse(this.text);
	}
}
