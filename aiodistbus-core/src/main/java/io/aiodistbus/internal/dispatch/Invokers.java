package io.aiodistbus.internal.dispatch;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.Event;

/**
 * Adapts each handler shape of {@link io.aiodistbus.EntryPoint} to an {@link Invoker}.
 */
public final class Invokers {

	private Invokers() {
	}

	/**
	 * @param handler a handler of the whole event
	 * @return its invoker
	 */
	public static Invoker ofEvent(Consumer<? super Event> handler) {
		return (event) -> {
			handler.accept(event);
			return null;
		};
	}

	/**
	 * @param handler a handler without argument
	 * @return its invoker
	 */
	public static Invoker ofNothing(Runnable handler) {
		return (event) -> {
			handler.run();
			return null;
		};
	}

	/**
	 * @param <T> the payload type
	 * @param codec converts payloads
	 * @param payloadType the class the handler takes
	 * @param handler a handler of the payload
	 * @return its invoker
	 */
	public static <T> Invoker ofPayload(PayloadCodec codec, Class<T> payloadType, Consumer<? super T> handler) {
		return (event) -> {
			handler.accept(codec.convert(event, payloadType));
			return null;
		};
	}

	/**
	 * @param handler an asynchronous handler of the whole event
	 * @return its invoker
	 */
	public static Invoker ofEventAsync(Function<? super Event, ? extends CompletionStage<?>> handler) {
		return handler::apply;
	}

	/**
	 * @param <T> the payload type
	 * @param codec converts payloads
	 * @param payloadType the class the handler takes
	 * @param handler an asynchronous handler of the payload
	 * @return its invoker
	 */
	public static <T> Invoker ofPayloadAsync(PayloadCodec codec, Class<T> payloadType,
			Function<? super T, ? extends CompletionStage<?>> handler) {
		return (event) -> handler.apply(codec.convert(event, payloadType));
	}

	/**
	 * Describes a handler for logs: its {@code toString()} unless that is the JVM's default for a
	 * lambda, which names nothing useful; then the registered type.
	 * @param handler the handler
	 * @param type the type it was registered for
	 * @return the description
	 */
	public static String describe(Object handler, String type) {
		String text = handler.toString();
		return text.contains("$$Lambda") ? "lambda handler for '" + type + "'" : text;
	}
}
