package io.aiodistbus.internal.dispatch;

import java.util.concurrent.CompletionStage;

import io.aiodistbus.event.Event;

/**
 * Calls one handler with an event, in whatever shape the handler takes.
 */
@FunctionalInterface
public interface Invoker {

	/**
	 * @param event the event
	 * @return the stage of an asynchronous handler, or {@code null} when the handler finished
	 * @throws Exception whatever the handler throws
	 */
	CompletionStage<?> invoke(Event event) throws Exception;
}
