package io.aiodistbus.spring.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.aiodistbus.BusObserver;
import io.aiodistbus.event.Event;

/**
 * Counts what happens at an entry point into meters. Meters per handler are looked up once and
 * cached, so an event costs a map lookup and an increment.
 */
public final class MeterObserver implements BusObserver {

	private final MeterRegistry registry;

	private final Counter emitted;

	private final Counter received;

	private final Map<String, Timer> times = new ConcurrentHashMap<>();

	private final Map<String, Counter> errors = new ConcurrentHashMap<>();

	private final Map<String, Counter> retries = new ConcurrentHashMap<>();

	private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();

	/**
	 * Registers the meters of emitted and received events now, those of each handler at its first
	 * event.
	 * @param registry where the meters go
	 */
	public MeterObserver(MeterRegistry registry) {
		this.registry = registry;
		this.emitted = Counter.builder("aiodistbus.events.emitted")
			.description("Events emitted by the application")
			.register(registry);
		this.received = Counter.builder("aiodistbus.events.received")
			.description("Events received from a broker for the application's handlers")
			.register(registry);
	}

	@Override
	public void emitted(Event event) {
		this.emitted.increment();
	}

	@Override
	public void received(Event event) {
		this.received.increment();
	}

	@Override
	public void handled(Event event, String handler, long nanos) {
		this.times.computeIfAbsent(handler, (key) -> Timer.builder("aiodistbus.handler.time")
			.description("Time handlers took, their completion stage included")
			.tag("handler", key)
			.register(this.registry)).record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void handlerFailed(Event event, String handler, Throwable error) {
		this.errors.computeIfAbsent(handler, (key) -> Counter.builder("aiodistbus.handler.errors")
			.description("Handler attempts that threw or whose stage failed, retries included")
			.tag("handler", key)
			.register(this.registry)).increment();
	}

	@Override
	public void handlerRetrying(Event event, String handler, Throwable error, int attempt, Duration delay) {
		this.retries.computeIfAbsent(handler, (key) -> Counter.builder("aiodistbus.handler.retries")
			.description("Retries of failed handlers that their error handler scheduled")
			.tag("handler", key)
			.register(this.registry)).increment();
	}

	@Override
	public void deadLettered(Event event, String handler, Throwable error, int attempts, String deadLetterType) {
		this.deadLetters.computeIfAbsent(handler, (key) -> Counter.builder("aiodistbus.handler.dead.letters")
			.description("Events whose handler gave up, emitted under a dead-letter type")
			.tag("handler", key)
			.register(this.registry)).increment();
	}

	@Override
	public boolean timesHandlers() {
		return true;
	}
}
