package io.aiodistbus.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.aiodistbus.HandlerOptions;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;

/**
 * Handlers that wait on I/O through our broker: one client's handler takes about a millisecond per
 * event (parked, as a call to a database or a web service would be), at concurrency 1 (the default,
 * one dispatch thread) and with more calls at once. Events handled per second, and the gain over
 * concurrency 1 in the same round.
 */
final class ConcurrencyPart {

	private static final String TYPE = "bench.slow";

	private static final long HANDLER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private static final int[] CONCURRENCY = { 1, 4, 16 };

	private final SuiteOptions options;

	private final ResultTable table;

	ConcurrencyPart(SuiteOptions options, ResultTable table) {
		this.options = options;
		this.table = table;
	}

	void run() {
		int events = this.options.smoke() ? 64 : 2_000;
		int rounds = this.options.smoke() ? 1 : 3;
		Map<Integer, List<Double>> rates = new LinkedHashMap<>();
		for (int round = 0; round < rounds; round++) {
			for (int concurrency : CONCURRENCY) {
				double rate = handledPerSecond(concurrency, events);
				Progress.log("concurrency %d: %.0f handled/s", concurrency, rate);
				rates.computeIfAbsent(concurrency, (c) -> new ArrayList<>()).add(rate);
			}
		}
		String part = "handler concurrency";
		String note = events + " events, a 1 ms handler, one client";
		for (int concurrency : CONCURRENCY) {
			this.table.add(part, "concurrency " + concurrency + " handled/s", Figure.of(rates.get(concurrency)),
					Unit.PER_SECOND, note);
		}
		List<Double> one = rates.get(1);
		for (int concurrency : CONCURRENCY) {
			if (concurrency == 1) {
				continue;
			}
			List<Double> ratios = new ArrayList<>();
			List<Double> these = rates.get(concurrency);
			for (int i = 0; i < these.size(); i++) {
				ratios.add(these.get(i) / one.get(i));
			}
			this.table.ratio(part, "concurrency " + concurrency + " / concurrency 1", Figure.of(ratios), Double.NaN,
					true, "per-round ratio; at most " + concurrency + "x");
		}
	}

	private static double handledPerSecond(int concurrency, int events) {
		try (DEventBus broker = new DEventBus(); DEntryPoint handler = new DEntryPoint();
				DEntryPoint publisher = new DEntryPoint()) {
			CountDownLatch handled = new CountDownLatch(events);
			handler.onAsync(TYPE, (event) -> {
				LockSupport.parkNanos(HANDLER_NANOS);
				handled.countDown();
				return CompletableFuture.completedFuture(null);
			}, "slow handler", HandlerOptions.defaults().withConcurrency(concurrency).withQueueCapacity(events));
			handler.connect("127.0.0.1", broker.port());
			publisher.connect("127.0.0.1", broker.port());
			long start = System.nanoTime();
			for (int i = 0; i < events; i++) {
				publisher.emit(TYPE, i);
			}
			if (!handled.await(120, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the handlers did not finish " + events + " events in 120 s");
			}
			return events / ((System.nanoTime() - start) / 1e9);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}
}
