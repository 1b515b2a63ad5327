package io.aiodistbus.spring.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.nats.NatsEntryPoint;
import io.aiodistbus.nats.NatsStats;

/**
 * The bus's meters for an entry point on NATS: those of {@link AiodistbusMetrics} for a client, under
 * the same names and tags ({@code component} {@code client} on {@code aiodistbus.events.dropped}), so
 * that dashboards keep working when an application moves from a broker to NATS; and
 * {@code aiodistbus.nats.reconnects} and {@code aiodistbus.nats.slow.consumers}. For any other entry
 * point, {@link AiodistbusMetrics}'s own.
 */
public class NatsMetrics extends AiodistbusMetrics {

	/**
	 * @param entryPoint the application's entry point
	 */
	public NatsMetrics(EntryPoint entryPoint) {
		super(entryPoint, null);
	}

	@Override
	protected boolean bindConnection(MeterRegistry registry, EntryPoint entryPoint) {
		if (!(entryPoint instanceof NatsEntryPoint nats)) {
			return super.bindConnection(registry, entryPoint);
		}
		bindCounts(registry, nats, (source) -> {
			NatsStats stats = source.stats();
			return new ConnectionCounts(stats.dropped(), stats.lost(), stats.outOfOrder(), stats.epochs());
		});
		FunctionCounter.builder("aiodistbus.nats.reconnects", nats, (source) -> source.stats().reconnects())
			.description("Reconnections to the NATS cluster, fail-overs included")
			.register(registry);
		FunctionCounter.builder("aiodistbus.nats.slow.consumers", nats, (source) -> source.stats().slowConsumers())
			.description("Times NATS reported the handlers too slow and dropped events")
			.register(registry);
		return true;
	}

}
