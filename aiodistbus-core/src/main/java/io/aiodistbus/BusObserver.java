package io.aiodistbus;

import java.time.Duration;

import io.aiodistbus.event.Event;

/**
 * Observes what happens at an entry point, for metrics, tests and error hooks. Every method has an
 * empty default so an observer implements only what it needs. Methods are called on the thread that
 * does the work (an emitting thread or a dispatch thread) and must be quick and must not throw.
 */
public interface BusObserver {

	/**
	 * An event was emitted through the entry point.
	 * @param event the event
	 */
	default void emitted(Event event) {
	}

	/**
	 * An event arrived at the entry point from the bus, before its handlers run.
	 * @param event the event
	 */
	default void received(Event event) {
	}

	/**
	 * A handler finished without error.
	 * @param event the event
	 * @param handler a description of the handler
	 * @param nanos how long the handler (and its stage, for an asynchronous one) took
	 */
	default void handled(Event event, String handler, long nanos) {
	}

	/**
	 * A handler threw, or its stage completed exceptionally; called for every failed attempt, retries
	 * included.
	 * @param event the event
	 * @param handler a description of the handler
	 * @param error the error
	 */
	default void handlerFailed(Event event, String handler, Throwable error) {
	}

	/**
	 * A failed handler is to be called again with the event, as its {@link BusErrorHandler} decided;
	 * {@link #handlerFailed} was told of the failure first.
	 * @param event the event
	 * @param handler a description of the handler
	 * @param error what the failed attempt threw
	 * @param attempt the number of the attempt that failed, from 1
	 * @param delay how long until the next attempt
	 */
	default void handlerRetrying(Event event, String handler, Throwable error, int attempt, Duration delay) {
	}

	/**
	 * A failed handler gave up on an event and its payload was emitted under a dead-letter type, as
	 * its {@link BusErrorHandler} decided; {@link #handlerFailed} was told of the failure first.
	 * @param event the event the handler failed on
	 * @param handler a description of the handler
	 * @param error what the last attempt threw
	 * @param attempts how many times the handler was called
	 * @param deadLetterType the type the payload was emitted under
	 */
	default void deadLettered(Event event, String handler, Throwable error, int attempts, String deadLetterType) {
	}

	/**
	 * An event was not handed to a handler because its payload does not convert to the handler's
	 * class; the event is dropped for that handler.
	 * @param event the event
	 * @param handler a description of the handler
	 * @param error why the payload does not convert
	 */
	default void payloadRejected(Event event, String handler, RuntimeException error) {
	}

	/**
	 * Whether {@link #handled} needs the handler's duration; when no observer does, the clock is
	 * not read.
	 * @return {@code true} to have handlers timed
	 */
	default boolean timesHandlers() {
		return false;
	}
}
