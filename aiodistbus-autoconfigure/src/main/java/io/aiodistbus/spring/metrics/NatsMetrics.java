package io.aiodistbus.spring.metrics;

import java.util.Map;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import io.aiodistbus.DropReason;
import io.aiodistbus.EntryPoint;
import io.aiodistbus.nats.NatsEntryPoint;

/**
 * The bus's meters for an entry point on NATS: those of {@link AiodistbusMetrics} for a client, with
 * {@code component} {@code nats} on {@code aiodistbus.events.dropped}, and
 * {@code aiodistbus.nats.reconnects} and {@code aiodistbus.nats.slow.consumers}. For any other entry
 * point, {@link AiodistbusMetrics}'s own.
 */
public class NatsMetrics extends AiodistbusMetrics {

	private final EntryPoint entryPoint;

	/**
	 * @param entryPoint the application's entry point
	 */
	public NatsMetrics(EntryPoint entryPoint) {
		super(entryPoint, null);
		this.entryPoint = entryPoint;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (!(this.entryPoint instanceof NatsEntryPoint nats)) {
			super.bindTo(registry);
			return;
		}
		nats.addObserver(new MeterObserver(registry));
		for (DropReason reason : DropReason.values()) {
			FunctionCounter.builder("aiodistbus.events.dropped", nats, (source) -> dropped(source).getOrDefault(reason, 0L))
				.description("Messages dropped instead of delivered")
				.tag("reason", reason.tag())
				.tag("component", "nats")
				.register(registry);
		}
		FunctionCounter.builder("aiodistbus.events.lost", nats, (source) -> source.stats().lost())
			.description("Events of other publishers that never arrived, counted from their sequence numbers")
			.register(registry);
		FunctionCounter.builder("aiodistbus.events.out.of.order", nats, (source) -> source.stats().outOfOrder())
			.description("Events that arrived after a later one of the same publisher and type, or twice")
			.register(registry);
		FunctionCounter.builder("aiodistbus.events.epochs", nats, (source) -> source.stats().epochs())
			.description("Times a publisher's numbering of a type started afresh, counted instead of loss")
			.register(registry);
		FunctionCounter.builder("aiodistbus.nats.reconnects", nats, (source) -> source.stats().reconnects())
			.description("Reconnections to the NATS cluster, fail-overs included")
			.register(registry);
		FunctionCounter.builder("aiodistbus.nats.slow.consumers", nats, (source) -> source.stats().slowConsumers())
			.description("Times NATS reported the handlers too slow and dropped events")
			.register(registry);
	}

	private static Map<DropReason, Long> dropped(NatsEntryPoint nats) {
		return nats.stats().dropped();
	}
}
