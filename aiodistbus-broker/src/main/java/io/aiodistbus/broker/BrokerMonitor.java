package io.aiodistbus.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.DropReason;
import io.aiodistbus.broker.ClientAddresses.Client;
import io.aiodistbus.distributed.BrokerStats;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;
import io.aiodistbus.nats.NatsBridge;
import io.aiodistbus.nats.NatsBridgeStats;

/**
 * What the standalone broker knows beyond its own counters: the traffic by type and its rates, the
 * last events, and connects and disconnects in the log. It taps the relay through the broker's
 * {@link DEventBus#forward forward} to a local bus of its own, which delivers on a thread of its own,
 * so the relay never waits for it (a tap that falls behind loses events for the tap alone, counted
 * as the broker's {@code queue_full} drops). A scheduler thread samples the rates every second and
 * checks connections four times a second.
 */
final class BrokerMonitor implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BrokerMonitor.class);

	private static final int RECENT_EVENTS = 200;

	private final DEventBus broker;

	/** The broker's bridge to NATS, or {@code null} without one. */
	private final NatsBridge bridge;

	private final Instant started = Instant.now();

	private final EventBus tap = new EventBus();

	private final TypeTraffic types;

	private final RecentEvents recent = new RecentEvents(RECENT_EVENTS);

	private final RateWindow relayedRate = new RateWindow();

	private final ConnectionLog connections = new ConnectionLog();

	/** The clients by address as last read, empty where they cannot be named. */
	private volatile Optional<List<Client>> clients = Optional.empty();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "aiodistbus-broker-monitor");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * @param broker the broker to watch
	 * @param bridge its bridge to NATS, or {@code null} without one
	 * @param onNewType told of each event type when first relayed, with its counter
	 */
	BrokerMonitor(DEventBus broker, NatsBridge bridge, BiConsumer<String, LongAdder> onNewType) {
		this.broker = broker;
		this.bridge = bridge;
		this.types = new TypeTraffic(onNewType);
		LocalEntryPoint entryPoint = this.tap.entryPoint();
		entryPoint.on("*", (event) -> {
			this.types.count(event.type());
			this.recent.add(event);
		});
		broker.forward(this.tap, "*");
		this.scheduler.scheduleWithFixedDelay(this::checkConnections, 0, 250, TimeUnit.MILLISECONDS);
		this.scheduler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
	}

	private void checkConnections() {
		try {
			Optional<List<Client>> now = ClientAddresses.read(this.broker.port() + 1, this.broker.port() + 3);
			this.clients = now;
			this.connections.check(this.broker.stats(), now);
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot read the broker's connections", ex);
		}
	}

	private void sample() {
		long now = System.nanoTime();
		this.relayedRate.sample(now, this.broker.stats().relayed());
		this.types.sample(now);
	}

	DEventBus broker() {
		return this.broker;
	}

	/** @return the broker's counters now */
	BrokerStats stats() {
		return this.broker.stats();
	}

	/** @return the state and counts of the bridge to NATS now, empty without one */
	Optional<NatsBridgeStats> bridge() {
		return Optional.ofNullable(this.bridge).map(NatsBridge::stats);
	}

	/** @return how long the broker has been up */
	Duration uptime() {
		return Duration.between(this.started, Instant.now());
	}

	/** @return events relayed per second over the last ten seconds or so */
	double relayedPerSecond() {
		return this.relayedRate.perSecond();
	}

	/** @return the connected clients by address, or empty where they cannot be named (not Linux) */
	Optional<List<Client>> clients() {
		return this.clients;
	}

	TypeTraffic types() {
		return this.types;
	}

	RecentEvents recent() {
		return this.recent;
	}

	/** Logs the broker's counters, on demand (SIGUSR1). */
	void logStats() {
		BrokerStats stats = stats();
		logger.info("Broker {}: {} clients connected, {} handshakes, {} relayed ({} /s), {} dropped {}, {} refused; "
				+ "up {}", this.broker.endpoint(), stats.connectedClients(), stats.handshakes(), stats.relayed(),
				String.format("%.1f", relayedPerSecond()), stats.droppedTotal(), nonZero(stats.dropped()),
				stats.refusedConnections(), uptime().withNanos(0));
		bridge().ifPresent((nats) -> logger.info("Bridge to NATS {}; {} carried to NATS, {} from NATS", state(nats),
				nats.toNats(), nats.fromNats()));
	}

	/** @return {@code connected}, or {@code not connected} and each side's state */
	static String state(NatsBridgeStats bridge) {
		return bridge.connected() ? "connected"
				: "not connected (broker side " + bridge.brokerSide() + ", NATS side " + bridge.natsSide() + ")";
	}

	private static Map<String, Long> nonZero(Map<DropReason, Long> dropped) {
		Map<String, Long> counted = new TreeMap<>();
		dropped.forEach((reason, count) -> {
			if (count > 0) {
				counted.put(reason.tag(), count);
			}
		});
		return counted;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
		this.tap.close();
	}

}
