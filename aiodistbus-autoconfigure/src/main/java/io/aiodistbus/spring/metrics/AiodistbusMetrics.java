package io.aiodistbus.spring.metrics;

import java.util.Map;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.aiodistbus.BusObserver;
import io.aiodistbus.DropReason;
import io.aiodistbus.EntryPoint;
import io.aiodistbus.distributed.ClientStats;
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
 * {@code broker}), read from the client's and the embedded broker's counters (on NATS, {@code client}
 * too: the application's connection); on an in-process bus ({@code component} {@code local}), the
 * payloads that did not convert to a handler's class;</li>
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
		if (!bindConnection(registry, this.entryPoint)) {
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
			bindDropped(registry, "broker", this.broker, (source) -> source.stats().dropped());
			FunctionCounter.builder("aiodistbus.events.relayed", this.broker, (source) -> source.stats().relayed())
				.description("Events the embedded broker relayed to its clients")
				.register(registry);
			FunctionCounter
				.builder("aiodistbus.broker.refused", this.broker, (source) -> source.stats().refusedConnections())
				.description("Connections the embedded broker refused by CurveZMQ authentication")
				.register(registry);
		}
	}

	/**
	 * Binds the meters of the entry point's connection to a server, if it has one.
	 * @param registry where the meters go
	 * @param entryPoint the application's entry point
	 * @return whether it is connected to a server (a broker here); if not, it is an in-process bus
	 */
	protected boolean bindConnection(MeterRegistry registry, EntryPoint entryPoint) {
		if (!(entryPoint instanceof DEntryPoint client)) {
			return false;
		}
		bindCounts(registry, client, (source) -> {
			ClientStats stats = source.stats();
			return new ConnectionCounts(stats.dropped(), stats.lost(), stats.outOfOrder(), stats.epochs());
		});
		return true;
	}

	/**
	 * Binds the meters of a connection to a server, with {@code component} {@code client} whichever
	 * server it is, so that the meters of an application keep their names and tags when it moves to
	 * another transport.
	 * @param <T> the connection's type
	 * @param registry where the meters go
	 * @param connection what the meters read, held by the application: meters hold it weakly
	 * @param counts reads the connection's counters
	 */
	protected static <T> void bindCounts(MeterRegistry registry, T connection,
			Function<T, ConnectionCounts> counts) {
		bindDropped(registry, "client", connection, (source) -> counts.apply(source).dropped());
		FunctionCounter.builder("aiodistbus.events.lost", connection, (source) -> counts.apply(source).lost())
			.description("Events of other publishers that never arrived, counted from their sequence numbers")
			.register(registry);
		FunctionCounter
			.builder("aiodistbus.events.out.of.order", connection, (source) -> counts.apply(source).outOfOrder())
			.description("Events that arrived after a later one of the same publisher and type, or twice")
			.register(registry);
		FunctionCounter.builder("aiodistbus.events.epochs", connection, (source) -> counts.apply(source).epochs())
			.description("Times a publisher's numbering of a type started afresh (back at 1, or an implausible "
					+ "jump), counted instead of loss")
			.register(registry);
	}

	private static <T> void bindDropped(MeterRegistry registry, String component, T source,
			Function<T, Map<DropReason, Long>> dropped) {
		for (DropReason reason : DropReason.values()) {
			FunctionCounter
				.builder("aiodistbus.events.dropped", source,
						(counted) -> dropped.apply(counted).getOrDefault(reason, 0L))
				.description(DROPPED_DESCRIPTION)
				.tag("reason", reason.tag())
				.tag("component", component)
				.register(registry);
		}
	}

	/**
	 * The counters of a connection to a server that have meters.
	 * @param dropped messages dropped, by reason
	 * @param lost events of other publishers that never arrived
	 * @param outOfOrder events that arrived late or twice
	 * @param epochs times a publisher's numbering started afresh
	 */
	protected record ConnectionCounts(Map<DropReason, Long> dropped, long lost, long outOfOrder, long epochs) {
	}
}
