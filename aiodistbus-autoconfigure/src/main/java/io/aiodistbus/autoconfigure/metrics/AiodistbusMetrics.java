package io.aiodistbus.autoconfigure.metrics;

import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.wire.DropReason;

/**
 * The bus's meters:
 * <ul>
 * <li>{@code aiodistbus.events.emitted}, {@code aiodistbus.events.received},
 * {@code aiodistbus.handler.errors} and {@code aiodistbus.handler.time} (tag {@code handler}), counted
 * by an observer on the application's entry point;</li>
 * <li>{@code aiodistbus.events.dropped} (tags {@code reason} and {@code component}: {@code client} or
 * {@code broker}), read from the client's and the embedded broker's counters;</li>
 * <li>{@code aiodistbus.events.relayed}, the embedded broker's relayed events.</li>
 * </ul>
 * Received events are those that arrive from a broker; an in-process bus hands events over without
 * receiving them.
 */
public class AiodistbusMetrics implements MeterBinder {

	private final EntryPoint entryPoint;

	private final DEventBus broker;

	/**
	 * @param entryPoint the application's entry point
	 * @param broker the embedded broker, or {@code null} when there is none
	 */
	public AiodistbusMetrics(EntryPoint entryPoint, DEventBus broker) {
		this.entryPoint = entryPoint;
		this.broker = broker;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.entryPoint.addObserver(new MeterObserver(registry));
		if (this.entryPoint instanceof DEntryPoint client) {
			bindDropped(registry, "client", () -> client.stats().dropped());
		}
		if (this.broker != null) {
			DEventBus embedded = this.broker;
			bindDropped(registry, "broker", () -> embedded.stats().dropped());
			FunctionCounter.builder("aiodistbus.events.relayed", embedded, (source) -> source.stats().relayed())
				.description("Events the embedded broker relayed to its clients")
				.register(registry);
		}
	}

	private static void bindDropped(MeterRegistry registry, String component,
			Supplier<Map<DropReason, Long>> dropped) {
		for (DropReason reason : DropReason.values()) {
			FunctionCounter
				.builder("aiodistbus.events.dropped", dropped, (source) -> source.get().getOrDefault(reason, 0L))
				.description("Messages dropped instead of delivered")
				.tag("reason", reason.tag())
				.tag("component", component)
				.register(registry);
		}
	}
}
