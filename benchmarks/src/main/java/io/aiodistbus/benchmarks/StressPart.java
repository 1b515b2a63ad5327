package io.aiodistbus.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import io.aiodistbus.benchmarks.distributed.OurTopology;
import io.aiodistbus.benchmarks.distributed.Pacer;
import io.aiodistbus.benchmarks.distributed.ThroughputRun;
import io.aiodistbus.distributed.DEntryPoint;

/**
 * Stress: N clients, each publishing on a thread of its own at a bounded rate to all the others
 * through one broker; every client checks every other publisher's sequence numbers. The rate steps
 * up (doubling) until a step loses anything or falls behind; the figure is the highest step that
 * delivered everything and kept up (delivered at least {@value #KEPT_UP} of the offered rate, measured
 * from the first send to the last delivery): a bus that queues without bound loses nothing but does
 * not sustain the rate either.
 * <p>
 * A step sends {@code --stress-events} per client or {@code STEP_SECONDS} worth, whichever is fewer,
 * so that the whole search fits in the suite's time; run with {@code --only=stress} and a large
 * {@code --stress-events} for a long soak at each rate.
 */
final class StressPart {

	private static final double FIRST_RATE = 25;

	private static final int MAX_STEPS = 8;

	private static final double KEPT_UP = 0.9;

	private final SuiteOptions options;

	private final ResultTable table;

	StressPart(SuiteOptions options, ResultTable table) {
		this.options = options;
		this.table = table;
	}

	/**
	 * One client and what it saw in the current round.
	 * @param entryPoint the client
	 * @param tracker the current round's tracker
	 */
	private record Client(DEntryPoint entryPoint, AtomicReference<SeqTracker> tracker) {
	}

	/**
	 * A step's totals over all receivers.
	 */
	private record Step(double ratePerPublisher, long eventsPerPublisher, long sent, long expected, long received,
			long lost, long duplicated, long outOfOrder, double seconds) {
	}

	void run() {
		int n = this.options.stressClients();
		double stepSeconds = this.options.smoke() ? 0.2 : 5;
		List<Step> steps = new ArrayList<>();
		try (OurTopology topology = new OurTopology()) {
			List<Client> clients = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				AtomicReference<SeqTracker> tracker = new AtomicReference<>(new SeqTracker(0, n, 1, i));
				DEntryPoint entryPoint = new DEntryPoint();
				entryPoint.on(Tick.TYPE, Tick.class, (tick) -> tracker.get().accept(tick));
				entryPoint.connect("127.0.0.1", topology.broker().port());
				clients.add(new Client(entryPoint, tracker));
			}
			double rate = FIRST_RATE;
			for (int round = 1; round <= MAX_STEPS; round++) {
				long events = Math.max(10, Math.min(this.options.stressEvents(), (long) (rate * stepSeconds)));
				Step step = step(clients, round, rate, events);
				steps.add(step);
				Progress.log("stress %d clients at %.0f/s each: sent %d, received %d of %d, lost %d, dup %d, ooo %d",
						n, rate, step.sent(), step.received(), step.expected(), step.lost(), step.duplicated(),
						step.outOfOrder());
				if (!sustained(step, n) || (this.options.smoke() && round == 2)) {
					break;
				}
				rate *= 2;
			}
			clients.forEach((client) -> client.entryPoint().close());
		}
		report(n, steps);
	}

	private Step step(List<Client> clients, int round, double rate, long events) {
		int n = clients.size();
		for (int i = 0; i < n; i++) {
			clients.get(i).tracker().set(new SeqTracker(round, n, events, i));
		}
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> publishers = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			DEntryPoint entryPoint = clients.get(i).entryPoint();
			int publisher = i;
			Thread thread = new Thread(() -> publish(entryPoint, start, round, publisher, rate, events),
					"stress-publisher-" + i);
			thread.start();
			publishers.add(thread);
		}
		long begin = System.nanoTime();
		start.countDown();
		for (Thread thread : publishers) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
		}
		List<SeqTracker> trackers = clients.stream().map((client) -> client.tracker().get()).toList();
		ThroughputRun.awaitDrained(trackers);
		long last = begin;
		long expected = 0;
		long received = 0;
		long lost = 0;
		long duplicated = 0;
		long outOfOrder = 0;
		for (SeqTracker tracker : trackers) {
			SeqTracker.Delivery delivery = tracker.delivery();
			expected += delivery.expected();
			received += delivery.received();
			lost += delivery.lost();
			duplicated += delivery.duplicated();
			outOfOrder += delivery.outOfOrder();
			if (delivery.received() > 0) {
				last = Math.max(last, delivery.lastNanos());
			}
		}
		double seconds = Math.max(last - begin, 1) / 1e9;
		return new Step(rate, events, events * n, expected, received, lost, duplicated, outOfOrder, seconds);
	}

	private static void publish(DEntryPoint entryPoint, CountDownLatch start, int round, int publisher, double rate,
			long events) {
		try {
			start.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		Pacer pacer = new Pacer(rate);
		pacer.start();
		for (long seq = 0; seq < events; seq++) {
			pacer.await(seq);
			entryPoint.emit(Tick.TYPE, Tick.of(round, publisher, seq));
		}
	}

	private static double offered(Step step, int n) {
		return step.ratePerPublisher() * n * (n - 1);
	}

	private static boolean sustained(Step step, int n) {
		return step.lost() == 0 && step.received() / step.seconds() >= KEPT_UP * offered(step, n);
	}

	private void report(int n, List<Step> steps) {
		String part = "stress " + n + " clients";
		double best = Double.NaN;
		for (Step step : steps) {
			double deliveries = step.received() / step.seconds();
			this.table.add(part, String.format(Locale.ROOT, "%.0f/s per publisher (%.0f deliveries/s offered)",
					step.ratePerPublisher(), step.ratePerPublisher() * n * (n - 1)),
					new Figure(deliveries, deliveries, deliveries, 1), Unit.PER_SECOND,
					String.format(Locale.ROOT, "%d events each; sent %d, received %d of %d, lost %d, dup %d, "
							+ "out-of-order %d", step.eventsPerPublisher(), step.sent(), step.received(), step.expected(),
							step.lost(), step.duplicated(), step.outOfOrder()));
			if (sustained(step, n)) {
				best = step.ratePerPublisher();
			}
		}
		double offered = best * n * (n - 1);
		this.table.add(part, "highest rate without loss, kept up (deliveries/s)", new Figure(offered, offered,
				offered, Double.isNaN(best) ? 0 : 1), Unit.PER_SECOND, Double.isNaN(best)
						? "no step delivered everything at >= 90% of the offered rate"
						: String.format(Locale.ROOT, "%.0f/s per publisher, %d publishers to %d receivers each", best,
								n, n - 1));
	}
}
