package io.aiodistbus;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import io.aiodistbus.event.Event;

/**
 * Wraps every emit and every handler call of an entry point, for tracing: it may add headers to an
 * emitted event (trace context, such as W3C {@code traceparent}) and read them back around the
 * handlers, so that a trace spans services through the broker. Spring's
 * {@code ObservationInstrumentation} implements it with Micrometer Observation; set one with
 * {@link EntryPoint#setInstrumentation(BusInstrumentation)}.
 * <p>
 * Implementations must call the function or call they are given exactly once, on the calling thread,
 * and return or throw what it returns or throws.
 */
public interface BusInstrumentation {

	/**
	 * Wraps one emit.
	 * @param <T> what the emit returns
	 * @param type the event type
	 * @param headers the headers the application gave, unmodifiable
	 * @param emit builds and sends the event with the headers it is given (a copy with the trace
	 * context added, say), and returns once the event is handed over
	 * @return what {@code emit} returned
	 */
	<T> T emit(String type, Map<String, String> headers, Function<Map<String, String>, T> emit);

	/**
	 * Wraps one call of a handler (one attempt, for a handler that is retried).
	 * @param event the event, whose headers carry what {@link #emit} added at the emitter
	 * @param handler the handler as logs and observers name it
	 * @param call calls the handler
	 * @return what the call returned: the stage of an asynchronous handler, or {@code null}
	 * @throws Exception what the call threw
	 */
	CompletionStage<?> handle(Event event, String handler, HandlerCall call) throws Exception;

	/** One call of a handler. */
	@FunctionalInterface
	interface HandlerCall {

		/**
		 * @return the stage of an asynchronous handler, or {@code null} when it finished
		 * @throws Exception what the handler threw
		 */
		CompletionStage<?> call() throws Exception;
	}
}
