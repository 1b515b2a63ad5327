package io.aiodistbus.benchmarks.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import io.aiodistbus.benchmarks.Tick;

/**
 * One emit of a typed record to {@code subscribers} handlers on the calling thread, through our local
 * bus and through the usual alternatives. Every handler feeds the payload to the blackhole, so each
 * framework does the same observable work per delivery; a fresh payload per emit keeps the record's
 * allocation in every figure alike.
 * <p>
 * Wildcard matching is measured twice: with a type seen before (the bus's per-type cache answers, the
 * common case) and with 20,000 rotating types (every emit misses the cache and walks the trie).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LocalDispatchBenchmark {

	private long seq;

	private Tick next() {
		return new Tick(0, 0, this.seq++, 0, "order 42 shipped");
	}

	@Benchmark
	public Object aiodistbus(LocalSubscribers.Ours state) {
		return state.emitter.emit(Tick.TYPE, next());
	}

	@Benchmark
	public Object aiodistbusWith10kWildcards(LocalSubscribers.OursWithWildcards state) {
		return state.emitter.emit(Tick.TYPE, next());
	}

	@Benchmark
	public Object aiodistbusUncachedTypes(LocalSubscribers.OursUncached state) {
		return state.emitter.emit(state.nextType(), next());
	}

	@Benchmark
	public Object aiodistbusUncachedTypesWith10kWildcards(LocalSubscribers.OursUncachedWithWildcards state) {
		return state.emitter.emit(state.nextType(), next());
	}

	@Benchmark
	public void guava(LocalSubscribers.Guava state) {
		state.bus.post(next());
	}

	@Benchmark
	public void spring(LocalSubscribers.Spring state) {
		state.publisher.publishEvent(next());
	}

	/** The practical limit: a map lookup and a loop over the handlers, nothing else. */
	@Benchmark
	public void concurrentMap(LocalSubscribers.PlainMap state) {
		Tick tick = next();
		List<Consumer<Object>> handlers = state.handlers.get(Tick.TYPE);
		for (int i = 0; i < handlers.size(); i++) {
			handlers.get(i).accept(tick);
		}
	}
}
