package io.aiodistbus.benchmarks.distributed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.aiodistbus.benchmarks.SeqTracker;
import io.aiodistbus.benchmarks.SeqTracker.Delivery;
import io.aiodistbus.benchmarks.Tick;

/**
 * One publisher sends {@code count} ticks to {@code receivers} receivers, as fast as it can or at a
 * fixed rate, and every receiver checks what it got. Deliveries per second are counted at the
 * receivers, from the first send to the last delivery; what was dropped counts as lost, not as
 * delivered.
 */
public final class ThroughputRun {

	/** How long the receivers may stay silent after the last send before what is missing counts as lost. */
	private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(700);

	/** A fresh connect may need one handshake retry (about 0.6 s, see the spec notes); allow several. */
	private static final long READY_NANOS = TimeUnit.SECONDS.toNanos(20);

	private ThroughputRun() {
	}

	/**
	 * What a run measured.
	 * @param deliveriesPerSecond distinct deliveries at all receivers per second
	 * @param sentPerSecond the publisher's send rate
	 * @param sent events sent
	 * @param expected deliveries expected (sent times receivers)
	 * @param received distinct deliveries
	 * @param lost deliveries that never came
	 * @param duplicated deliveries that came twice
	 * @param outOfOrder deliveries that came after a later one
	 * @param cpuNanos CPU time spent while sending and draining, by thread group
	 * @param allocatedBytes bytes allocated meanwhile by all threads
	 */
	public record Result(double deliveriesPerSecond, double sentPerSecond, long sent, long expected, long received,
			long lost, long duplicated, long outOfOrder, Map<String, Long> cpuNanos, long allocatedBytes) {
	}

	/**
	 * Sends a fixed number of ticks.
	 * @param topologies makes the topology, on the calling thread, which then publishes
	 * @param receivers how many receivers
	 * @param count how many ticks to send
	 * @param rate ticks per second, 0 for as fast as possible
	 * @param round a number distinguishing this run
	 * @return the result
	 */
	public static Result run(Supplier<Topology> topologies, int receivers, long count, double rate, int round) {
		return run(topologies, receivers, count, Double.POSITIVE_INFINITY, rate, round);
	}

	/**
	 * Sends ticks until {@code count} are sent or {@code seconds} have passed, whichever comes first,
	 * so that a slow contender does not stretch the suite.
	 * @param topologies makes the topology, on the calling thread, which then publishes
	 * @param receivers how many receivers
	 * @param count the most ticks to send
	 * @param seconds the longest to send for
	 * @param rate ticks per second, 0 for as fast as possible
	 * @param round a number distinguishing this run
	 * @return the result
	 */
	public static Result run(Supplier<Topology> topologies, int receivers, long count, double seconds, double rate,
			int round) {
		try (Topology topology = topologies.get()) {
			List<SeqTracker> trackers = new ArrayList<>();
			List<AutoCloseable> open = new ArrayList<>();
			try {
				for (int i = 0; i < receivers; i++) {
					SeqTracker tracker = new SeqTracker(round, 1, count, -1);
					trackers.add(tracker);
					open.add(topology.receiver(tracker::accept));
				}
				try (Topology.Publisher publisher = topology.publisher()) {
					awaitReady(publisher, trackers, round);
					return measure(publisher, trackers, count, seconds, rate, round);
				}
			}
			finally {
				closeAll(open);
			}
		}
	}

	/** Sends probes until every receiver has one, so that no counted event goes to a joining socket. */
	private static void awaitReady(Topology.Publisher publisher, List<SeqTracker> trackers, int round) {
		long deadline = System.nanoTime() + READY_NANOS;
		while (!trackers.stream().allMatch(SeqTracker::ready)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("receivers not ready after " + READY_NANOS / 1_000_000 + " ms");
			}
			publisher.send(Tick.TYPE, new Tick(round, 0, -1, System.nanoTime(), "probe"));
			sleepMillis(2);
		}
	}

	private static Result measure(Topology.Publisher publisher, List<SeqTracker> trackers, long most, double seconds,
			double rate, int round) {
		Pacer pacer = new Pacer(rate);
		ThreadCpu cpuBefore = ThreadCpu.snapshot();
		long start = System.nanoTime();
		long deadline = start + (long) Math.min(seconds * 1e9, Long.MAX_VALUE / 2);
		pacer.start();
		long count = 0;
		while (count < most && ((count & 0xff) != 0 || System.nanoTime() < deadline)) {
			pacer.await(count);
			publisher.send(Tick.TYPE, Tick.of(round, 0, count));
			count++;
		}
		publisher.flush();
		long sentNanos = System.nanoTime() - start;
		for (SeqTracker tracker : trackers) {
			tracker.expect(count);
		}
		awaitDrained(trackers);
		ThreadCpu cpuAfter = ThreadCpu.snapshot();
		Map<String, Long> cpu = cpuBefore.until(cpuAfter);
		long received = 0;
		long lost = 0;
		long duplicated = 0;
		long outOfOrder = 0;
		long last = start;
		for (SeqTracker tracker : trackers) {
			Delivery delivery = tracker.delivery();
			received += delivery.received();
			lost += delivery.lost();
			duplicated += delivery.duplicated();
			outOfOrder += delivery.outOfOrder();
			if (delivery.received() > 0) {
				last = Math.max(last, delivery.lastNanos());
			}
		}
		double elapsed = Math.max(last - start, 1) / 1e9;
		return new Result(received / elapsed, count / (sentNanos / 1e9), count, count * trackers.size(), received,
				lost, duplicated, outOfOrder, cpu, cpuBefore.allocatedUntil(cpuAfter));
	}

	/** Waits until every receiver is complete, or until none made progress for a while. */
	public static void awaitDrained(List<SeqTracker> trackers) {
		long total = -1;
		long lastProgress = System.nanoTime();
		while (true) {
			long now = 0;
			boolean complete = true;
			for (SeqTracker tracker : trackers) {
				now += tracker.received();
				complete &= tracker.complete();
			}
			if (complete) {
				return;
			}
			if (now != total) {
				total = now;
				lastProgress = System.nanoTime();
			}
			else if (System.nanoTime() - lastProgress > IDLE_NANOS) {
				return;
			}
			sleepMillis(5);
		}
	}

	static void closeAll(List<? extends AutoCloseable> open) {
		for (AutoCloseable closeable : open) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException("could not close " + closeable, ex);
			}
		}
	}

	static void sleepMillis(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}
}
