package io.aiodistbus.benchmarks.distributed;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

import io.aiodistbus.benchmarks.Tick;

/**
 * Round trips at a fixed low rate (open loop: the next ping leaves on schedule whether or not the
 * last pong came back, so a stall shows in the tail instead of silently lowering the rate). The
 * first {@code warmup} pings are not recorded; a ping whose pong never came counts as lost.
 */
public final class LatencyRun {

	private LatencyRun() {
	}

	/**
	 * Round-trip percentiles of one run.
	 * @param p50Micros median, microseconds
	 * @param p99Micros 99th percentile, microseconds
	 * @param p999Micros 99.9th percentile, microseconds
	 * @param samples recorded round trips
	 * @param lost pings whose pong never came
	 * @param cpuNanos CPU time of the measured pings, by thread group
	 */
	public record Result(double p50Micros, double p99Micros, double p999Micros, long samples, long lost,
			Map<String, Long> cpuNanos) {
	}

	/**
	 * @param pingPongs makes the clients
	 * @param rate pings per second
	 * @param warmup pings not recorded
	 * @param measured pings recorded
	 * @return the percentiles
	 */
	public static Result run(Supplier<PingPong> pingPongs, double rate, int warmup, int measured) {
		Histogram histogram = new SynchronizedHistogram(TimeUnit.SECONDS.toNanos(10), 3);
		AtomicLong pongs = new AtomicLong();
		AtomicLong ready = new AtomicLong();
		Map<String, Long> cpu;
		try (PingPong pingPong = pingPongs.get()) {
			pingPong.start((tick) -> {
				if (tick.isProbe()) {
					ready.incrementAndGet();
				}
				else if (tick.seq() >= warmup) {
					histogram.recordValue(System.nanoTime() - tick.sentNanos());
					pongs.incrementAndGet();
				}
			});
			awaitReady(pingPong, ready);
			Pacer pacer = new Pacer(rate);
			pacer.start();
			int total = warmup + measured;
			ThreadCpu cpuBefore = null;
			for (int seq = 0; seq < total; seq++) {
				if (seq == warmup) {
					cpuBefore = ThreadCpu.snapshot();
				}
				pacer.await(seq);
				pingPong.ping(new Tick(0, 0, seq, System.nanoTime(), "ping"));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
			while (pongs.get() < measured && System.nanoTime() < deadline) {
				ThroughputRun.sleepMillis(5);
			}
			cpu = (cpuBefore != null) ? cpuBefore.until(ThreadCpu.snapshot()) : Map.of();
		}
		return new Result(micros(histogram, 50), micros(histogram, 99), micros(histogram, 99.9),
				histogram.getTotalCount(), measured - pongs.get(), cpu);
	}

	private static void awaitReady(PingPong pingPong, AtomicLong ready) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (ready.get() == 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("no pong to a probe within 20 s");
			}
			pingPong.ping(new Tick(0, 0, -1, System.nanoTime(), "probe"));
			ThroughputRun.sleepMillis(5);
		}
	}

	private static double micros(Histogram histogram, double percentile) {
		return histogram.getValueAtPercentile(percentile) / 1000.0;
	}
}
