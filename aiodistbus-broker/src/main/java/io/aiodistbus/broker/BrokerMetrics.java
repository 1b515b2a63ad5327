package io.aiodistbus.broker;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import io.aiodistbus.DropReason;
import io.aiodistbus.distributed.BrokerStats;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.distributed.HandshakeFailure;
import io.aiodistbus.nats.NatsBridge;
import io.aiodistbus.nats.NatsBridgeStats;

/**
 * The broker's counters as Micrometer meters in a Prometheus registry, read from
 * {@link DEventBus#stats()} at each scrape:
 * <ul>
 * <li>{@code aiodistbus_broker_up}, {@code aiodistbus_broker_connections} (gauges)</li>
 * <li>{@code aiodistbus_broker_handshakes_total}, {@code _relayed_total}, {@code _translated_total},
 * {@code _pulses_total}, {@code _refused_total} (CURVE refusals)</li>
 * <li>{@code aiodistbus_broker_dropped_total{reason}}, one series per {@link DropReason}</li>
 * <li>{@code aiodistbus_broker_handshake_failures_total{cause}}, one per {@link HandshakeFailure}</li>
 * <li>{@code aiodistbus_broker_events_total{type}}, relayed events by type (rates with PromQL's
 * {@code rate()})</li>
 * <li>with a NATS bridge ({@code --nats}), {@code aiodistbus_broker_bridge_connected} (1 while both sides
 * are) and {@code aiodistbus_broker_bridge_carried_total{direction}} ({@code to_nats}, {@code from_nats})</li>
 * <li>the JVM's memory, threads and CPU</li>
 * </ul>
 */
final class BrokerMetrics {

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final DEventBus broker;

	/**
	 * @param broker the broker
	 * @param bridge its bridge to NATS, or {@code null} without one
	 */
	BrokerMetrics(DEventBus broker, NatsBridge bridge) {
		this.broker = broker;
		Gauge.builder("aiodistbus.broker.up", broker, (bus) -> bus.isRunning() ? 1 : 0)
			.description("Whether the broker is serving")
			.register(this.registry);
		Gauge.builder("aiodistbus.broker.connections", broker, (bus) -> bus.stats().connectedClients())
			.description("Clients connected now")
			.register(this.registry);
		counter("aiodistbus.broker.handshakes", "Handshakes answered", BrokerStats::handshakes);
		counter("aiodistbus.broker.relayed", "Events relayed", BrokerStats::relayed);
		counter("aiodistbus.broker.translated", "Events relayed in the other wire format as well",
				BrokerStats::translated);
		counter("aiodistbus.broker.pulses", "Heartbeats published", BrokerStats::pulses);
		counter("aiodistbus.broker.refused", "Connections refused by CURVE authentication",
				BrokerStats::refusedConnections);
		for (DropReason reason : DropReason.values()) {
			FunctionCounter.builder("aiodistbus.broker.dropped", broker,
					(bus) -> bus.stats().dropped().getOrDefault(reason, 0L))
				.description("Messages dropped, by reason")
				.tag("reason", reason.tag())
				.register(this.registry);
		}
		for (HandshakeFailure cause : HandshakeFailure.values()) {
			FunctionCounter.builder("aiodistbus.broker.handshake.failures", broker,
					(bus) -> bus.stats().failedHandshakes().getOrDefault(cause, 0L))
				.description("Connections to a CURVE broker that failed before authentication, by cause")
				.tag("cause", cause.name().toLowerCase(Locale.ROOT))
				.register(this.registry);
		}
		if (bridge != null) {
			Gauge.builder("aiodistbus.broker.bridge.connected", bridge, (nats) -> nats.stats().connected() ? 1 : 0)
				.description("Whether the bridge to NATS is connected to the broker and to NATS")
				.register(this.registry);
			bridgeCounter(bridge, "to_nats", NatsBridgeStats::toNats);
			bridgeCounter(bridge, "from_nats", NatsBridgeStats::fromNats);
		}
		new JvmMemoryMetrics().bindTo(this.registry);
		new JvmThreadMetrics().bindTo(this.registry);
		new ProcessorMetrics().bindTo(this.registry);
	}

	private void counter(String name, String description, ToDoubleFunction<BrokerStats> value) {
		FunctionCounter.builder(name, this.broker, (bus) -> value.applyAsDouble(bus.stats()))
			.description(description)
			.register(this.registry);
	}

	private void bridgeCounter(NatsBridge bridge, String direction, ToDoubleFunction<NatsBridgeStats> value) {
		FunctionCounter.builder("aiodistbus.broker.bridge.carried", bridge, (nats) -> value.applyAsDouble(nats.stats()))
			.description("Events the bridge carried between the broker and NATS, by direction")
			.tag("direction", direction)
			.register(this.registry);
	}

	/** Adds the counter of an event type, when the broker first relays it. */
	void addType(String type, LongAdder count) {
		FunctionCounter.builder("aiodistbus.broker.events", count, LongAdder::sum)
			.description("Events relayed, by type")
			.tag("type", type)
			.register(this.registry);
	}

	/** @return the meters in Prometheus's text format */
	String scrape() {
		return this.registry.scrape();
	}

}
