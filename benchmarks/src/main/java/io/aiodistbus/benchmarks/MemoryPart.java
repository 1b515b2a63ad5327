package io.aiodistbus.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.aiodistbus.benchmarks.distributed.OurTopology;
import io.aiodistbus.benchmarks.distributed.Topology;
import io.aiodistbus.distributed.DEntryPoint;

/**
 * Part 4: whether the heap stays flat over many events through the broker (a leak shows as growth
 * after full collections), what one connected client costs, and bytes allocated per event end to
 * end. Broker and clients share this JVM, so the per-client figure is client and broker together.
 */
final class MemoryPart {

	private static final double MIB = 1024.0 * 1024.0;

	private static final long WINDOW = 20_000;

	private final SuiteOptions options;

	private final ResultTable table;

	MemoryPart(SuiteOptions options, ResultTable table) {
		this.options = options;
		this.table = table;
	}

	void run() {
		heapOverEvents(this.options.smoke() ? 10_000 : 1_000_000);
		perClient(this.options.smoke() ? 5 : 50);
		brokerPerClient(this.options.smoke() ? 5 : 50);
	}

	/** The broker alone: in a JVM of its own, read with jcmd before and after the clients connect. */
	private void brokerPerClient(int clients) {
		List<DEntryPoint> connected = new ArrayList<>();
		try (BrokerProcess broker = new BrokerProcess()) {
			connected.add(connect(broker.port()));
			long before = broker.liveBytes();
			for (int i = 0; i < clients; i++) {
				connected.add(connect(broker.port()));
			}
			long after = broker.liveBytes();
			Figure perClient = (before < 0 || after < 0) ? Figure.NONE : single((after - before) / 1024.0 / clients);
			this.table.add("memory", "broker heap per connected client (broker JVM alone)", perClient, Unit.KIB,
					String.format(Locale.ROOT, "%d clients; broker live heap %.1f -> %.1f MiB (jcmd GC.heap_info)",
							clients, before / MIB, after / MIB));
		}
		catch (IOException ex) {
			this.table.add("memory", "broker heap per connected client (broker JVM alone)", Figure.NONE, Unit.KIB,
					"not measured: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			connected.forEach(DEntryPoint::close);
		}
	}

	private static DEntryPoint connect(int port) {
		DEntryPoint client = new DEntryPoint();
		client.on(Tick.TYPE, Tick.class, (tick) -> { });
		client.connect("127.0.0.1", port);
		return client;
	}

	private void heapOverEvents(long events) {
		try (OurTopology topology = new OurTopology()) {
			SeqTracker warm = new SeqTracker(1, 1, 20_000, -1);
			SeqTracker measured = new SeqTracker(2, 1, events, -1);
			List<SeqTracker> trackers = List.of(warm, measured);
			AutoCloseable receiver = topology.receiver((tick) -> trackers.get(tick.round() - 1).accept(tick));
			try (Topology.Publisher publisher = topology.publisher()) {
				send(publisher, warm, 1, 20_000);
				long before = Heap.liveBytes();
				long allocatedBefore = Heap.allocatedBytes();
				send(publisher, measured, 2, events);
				long allocated = Heap.allocatedBytes() - allocatedBefore;
				long after = Heap.liveBytes();
				SeqTracker.Delivery delivery = measured.delivery();
				String part = "memory";
				String count = String.format(Locale.ROOT, "%,d", events);
				this.table.add(part, "heap after GC, before " + count + " events", single(before / MIB), Unit.MIB, "");
				this.table.target(part, "heap after GC, after " + count + " events", single(after / MIB), Unit.MIB,
						"flat (< +2 MiB)", (after - before) < 2 * MIB,
						String.format(Locale.ROOT, "delta %+.2f MiB; received %d, lost %d, dup %d", (after - before) / MIB,
								delivery.received(), delivery.lost(), delivery.duplicated()));
				if (allocatedBefore >= 0) {
					this.table.add(part, "allocated per event, publisher+broker+receiver", single(
							(double) allocated / events), Unit.BYTES, "all threads of this JVM, incl. the harness");
				}
			}
			finally {
				receiver.close();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("memory run failed", ex);
		}
	}

	/** Sends with at most a window in flight, so that every event flows rather than being dropped at a full queue. */
	private static void send(Topology.Publisher publisher, SeqTracker tracker, int round, long events) {
		for (long seq = 0; seq < events; seq++) {
			while (seq - tracker.received() > WINDOW) {
				Thread.onSpinWait();
				Thread.yield();
			}
			publisher.send(Tick.TYPE, Tick.of(round, 0, seq));
		}
		io.aiodistbus.benchmarks.distributed.ThroughputRun.awaitDrained(List.of(tracker));
	}

	private void perClient(int clients) {
		try (OurTopology topology = new OurTopology()) {
			// one client first, so that class loading and the broker's own buffers are not counted
			List<DEntryPoint> connected = new ArrayList<>();
			connected.add(client(topology));
			long before = Heap.liveBytes();
			int threadsBefore = Thread.activeCount();
			List<Double> connectMillis = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				long start = System.nanoTime();
				connected.add(client(topology));
				connectMillis.add((System.nanoTime() - start) / 1e6);
			}
			long after = Heap.liveBytes();
			int threads = Thread.activeCount() - threadsBefore;
			this.table.add("memory", "heap per connected client (client + broker side)",
					single((after - before) / 1024.0 / clients), Unit.KIB,
					String.format(Locale.ROOT, "%d clients; %.1f threads per client; broker counts %d connections",
							clients, (double) threads / clients, topology.broker().stats().connectedClients()));
			Figure connect = Figure.of(connectMillis);
			this.table.add("start-up", "DEntryPoint.connect (handshake + subscription proof)",
					new Figure(connect.median() * 1000, connect.min() * 1000, connect.max() * 1000, connect.runs()),
					Unit.MICROS, "one per client above; min/max over the clients");
			connected.forEach(DEntryPoint::close);
		}
		brokerStart();
	}

	/** How long a broker takes to bind and serve: the part of start-up that is ours, Spring aside. */
	private void brokerStart() {
		List<Double> micros = new ArrayList<>();
		for (int i = 0; i < (this.options.smoke() ? 2 : 5); i++) {
			long start = System.nanoTime();
			try (OurTopology topology = new OurTopology()) {
				micros.add((System.nanoTime() - start) / 1e3);
			}
		}
		this.table.add("start-up", "new DEventBus() (bind 3 ports, start I/O thread)", Figure.of(micros), Unit.MICROS,
				"first one includes class loading");
	}

	private static DEntryPoint client(OurTopology topology) {
		DEntryPoint client = new DEntryPoint();
		client.on(Tick.TYPE, Tick.class, (tick) -> { });
		client.connect("127.0.0.1", topology.broker().port());
		return client;
	}

	private static Figure single(double value) {
		return new Figure(value, value, value, 1);
	}
}
