package io.aiodistbus.spring.metrics;

import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.aiodistbus.BusObserver;
import io.aiodistbus.DropReason;
import io.aiodistbus.EntryPoint;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.event.Event;

/**
 * The bus's meters:
 * <ul>
 * <li>{@code aiodistbus.events.emitted}, {@code aiodistbus.events.received},
 * {@code aiodistbus.handler.errors} (every failed attempt), {@code aiodistbus.handler.retries} (retries
 * scheduled), {@code aiodistbus.handler.dead.letters} (events sent to a dead-letter type) and
 * {@code aiodistbus.handler.time} (tag {@code handler}), counted by an observer on the application's
 * entry point;</li>
 * <li>{@code aiodistbus.events.dropped} (tags {@code reason} and {@code component}: {@code client} or
 * {@code broker}), read from the client's and the embedded broker's counters; on an in-process bus
 * ({@code component} {@code local}), the payloads that did not convert to a handler's class;</li>
 * <li>{@code aiodistbus.events.lost} and {@code aiodistbus.events.out.of.order}, the client's count of
 * events of other publishers missing or arriving late, from their sequence numbers, and
 * {@code aiodistbus.events.epochs}, the times a publisher's numbering started afresh (counted instead
 * of loss);</li>
 * <li>{@code aiodistbus.events.relayed}, the embedded broker's relayed events, and
 * {@code aiodistbus.broker.refused}, the connections it refused by CurveZMQ authentication (a refused
 * client adds one per socket and retry).</li>
 * </ul>
 * Received events are those that arrive from a broker; an in-process bus hands events over without
 * receiving them.
 */
public class AiodistbusMetrics implements MeterBinder {

	private static final String DROPPED_DESCRIPTION = "Messages dropped instead of delivered";

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
			FunctionCounter.builder("aiodistbus.events.lost", client, (source) -> source.stats().lost())
				.description("Events of other publishers that never arrived, counted from their sequence numbers")
				.register(registry);
			FunctionCounter.builder("aiodistbus.events.out.of.order", client, (source) -> source.stats().outOfOrder())
				.description("Events that arrived after a later one of the same publisher and type, or twice")
				.register(registry);
			FunctionCounter.builder("aiodistbus.events.epochs", client, (source) -> source.stats().epochs())
				.description("Times a publisher's numbering of a type started afresh (back at 1, or an implausible "
						+ "jump), counted instead of loss")
				.register(registry);
		}
		else {
			// A client counts the payloads its handlers reject among its drops; elsewhere, count them here.
			Counter rejected = Counter.builder("aiodistbus.events.dropped")
				.description(DROPPED_DESCRIPTION)
				.tag("reason", DropReason.PAYLOAD.tag())
				.tag("component", "local")
				.register(registry);
			this.entryPoint.addObserver(new BusObserver() {

				@Override
				public void payloadRejected(Event event, String handler, RuntimeException error) {
					rejected.increment();
				}

			});
		}
		if (this.broker != null) {
			DEventBus embedded = this.broker;
			bindDropped(registry, "broker", () -> embedded.stats().dropped());
			FunctionCounter.builder("aiodistbus.events.relayed", embedded, (source) -> source.stats().relayed())
				.description("Events the embedded broker relayed to its clients")
				.register(registry);
			FunctionCounter
				.builder("aiodistbus.broker.refused", embedded, (source) -> source.stats().refusedConnections())
				.description("Connections the embedded broker refused by CurveZMQ authentication")
				.register(registry);
		}
	}

	private static void bindDropped(MeterRegistry registry, String component,
			Supplier<Map<DropReason, Long>> dropped) {
		for (DropReason reason : DropReason.values()) {
			FunctionCounter
				.builder("aiodistbus.events.dropped", dropped, (source) -> source.get().getOrDefault(reason, 0L))
				.description(DROPPED_DESCRIPTION)
				.tag("reason", reason.tag())
				.tag("component", component)
				.register(registry);
		}
	}
}
