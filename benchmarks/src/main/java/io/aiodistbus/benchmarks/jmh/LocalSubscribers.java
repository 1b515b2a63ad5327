package io.aiodistbus.benchmarks.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.EventListener;

import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;

import io.aiodistbus.benchmarks.Tick;
import io.aiodistbus.local.LocalEntryPoint;

/**
 * The buses of {@link LocalDispatchBenchmark}, each with {@code subscribers} handlers of the tick.
 * One state class per bus, so that JMH builds only the bus a benchmark uses.
 */
public final class LocalSubscribers {

	/** Enough rotating types to overflow the bus's 10,000-entry resolution cache. */
	static final int ROTATING_TYPES = 20_000;

	/** Wildcard patterns registered besides the subscribers, none matching the emitted types. */
	static final int WILDCARDS = 10_000;

	private LocalSubscribers() {
	}

	/** Our bus, one entry point per subscriber (as separate components would have). */
	@State(Scope.Benchmark)
	public static class Ours {

		@Param({ "1", "10" })
		public int subscribers;

		io.aiodistbus.local.EventBus bus;

		LocalEntryPoint emitter;

		@Setup(Level.Trial)
		public void setUp(Blackhole blackhole) {
			this.bus = new io.aiodistbus.local.EventBus();
			this.emitter = this.bus.entryPoint();
			for (int i = 0; i < this.subscribers; i++) {
				LocalEntryPoint subscriber = new LocalEntryPoint();
				subscriber.on(pattern(), Tick.class, blackhole::consume);
				subscriber.connect(this.bus);
			}
			registerWildcards(blackhole);
		}

		String pattern() {
			return Tick.TYPE;
		}

		void registerWildcards(Blackhole blackhole) {
		}

		/** Patterns that a large application might hold: half prefix, half middle wildcards. */
		final void register10kWildcards(Blackhole blackhole) {
			LocalEntryPoint other = this.bus.entryPoint();
			for (int i = 0; i < WILDCARDS / 2; i++) {
				other.on("service" + i + ".*", blackhole::consume);
				other.on("bench.*.op" + i, blackhole::consume);
			}
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.bus.close();
		}
	}

	/** Our bus with 10,000 non-matching wildcard patterns registered too. */
	@State(Scope.Benchmark)
	public static class OursWithWildcards extends Ours {

		@Override
		void registerWildcards(Blackhole blackhole) {
			register10kWildcards(blackhole);
		}
	}

	/** Our bus emitting types that are never in its cache; the subscribers hold {@code bench.*}. */
	@State(Scope.Benchmark)
	public static class OursUncached extends Ours {

		private static final String[] TYPES = new String[ROTATING_TYPES];

		static {
			for (int i = 0; i < ROTATING_TYPES; i++) {
				TYPES[i] = "bench.t" + i;
			}
		}

		private int next;

		@Override
		String pattern() {
			return "bench.*";
		}

		String nextType() {
			String type = TYPES[this.next];
			this.next = (this.next + 1 == ROTATING_TYPES) ? 0 : this.next + 1;
			return type;
		}
	}

	/** {@link OursUncached} with the 10,000 extra wildcard patterns. */
	@State(Scope.Benchmark)
	public static class OursUncachedWithWildcards extends OursUncached {

		@Override
		void registerWildcards(Blackhole blackhole) {
			register10kWildcards(blackhole);
		}
	}

	/** Guava's synchronous {@link EventBus}, one subscriber object per handler. */
	@State(Scope.Benchmark)
	public static class Guava {

		@Param({ "1", "10" })
		public int subscribers;

		EventBus bus;

		@Setup(Level.Trial)
		public void setUp(Blackhole blackhole) {
			this.bus = new EventBus();
			for (int i = 0; i < this.subscribers; i++) {
				this.bus.register(new GuavaSubscriber(blackhole));
			}
		}
	}

	/** A Guava subscriber; public so that Guava need not make its method accessible. */
	public static final class GuavaSubscriber {

		private final Blackhole blackhole;

		GuavaSubscriber(Blackhole blackhole) {
			this.blackhole = blackhole;
		}

		@Subscribe
		public void on(Tick tick) {
			this.blackhole.consume(tick);
		}
	}

	/** Spring's {@code ApplicationEventPublisher} with {@code @EventListener} beans. */
	@State(Scope.Benchmark)
	public static class Spring {

		@Param({ "1", "10" })
		public int subscribers;

		AnnotationConfigApplicationContext context;

		org.springframework.context.ApplicationEventPublisher publisher;

		@Setup(Level.Trial)
		public void setUp(Blackhole blackhole) {
			this.context = new AnnotationConfigApplicationContext();
			for (int i = 0; i < this.subscribers; i++) {
				this.context.registerBean("listener" + i, SpringListener.class, () -> new SpringListener(blackhole));
			}
			this.context.refresh();
			this.publisher = this.context;
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.context.close();
		}
	}

	/** A Spring listener of the tick as a payload event. */
	public static class SpringListener {

		private final Blackhole blackhole;

		public SpringListener(Blackhole blackhole) {
			this.blackhole = blackhole;
		}

		@EventListener
		public void on(Tick tick) {
			this.blackhole.consume(tick);
		}
	}

	/** The practical limit: handlers in a {@link ConcurrentHashMap} by type. */
	@State(Scope.Benchmark)
	public static class PlainMap {

		@Param({ "1", "10" })
		public int subscribers;

		final Map<String, List<Consumer<Object>>> handlers = new ConcurrentHashMap<>();

		@Setup(Level.Trial)
		public void setUp(Blackhole blackhole) {
			List<Consumer<Object>> list = new ArrayList<>();
			for (int i = 0; i < this.subscribers; i++) {
				list.add(blackhole::consume);
			}
			this.handlers.put(Tick.TYPE, List.copyOf(list));
		}
	}
}
