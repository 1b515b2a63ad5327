package io.aiodistbus;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

import io.aiodistbus.event.BusEvent;
import io.aiodistbus.event.Event;

/**
 * An application's connection to a bus, through which it subscribes handlers and publishes events
 * (the name is Python aiodistbus's). The same interface
 * fronts the in-process bus ({@link io.aiodistbus.local.LocalEntryPoint}) and the distributed bus
 * ({@code io.aiodistbus.distributed.DEntryPoint}), so code written against it runs on either.
 *
 * <h2>Types and patterns</h2>
 * An event type is a dot-separated name such as {@code chat.message}. A handler registers for an
 * exact type or for a wildcard pattern: {@code chat.*} receives {@code chat.message} and
 * {@code chat.room.joined} but not {@code chat}; {@code a.*.c} receives {@code a.x.c}; {@code *}
 * receives everything. Types under {@code aiodistbus.eventbus.} are reserved for the bus and reach
 * only handlers registered for them exactly.
 *
 * <h2>Handlers</h2>
 * A handler takes the payload converted to a class ({@link #on(String, Class, Consumer)}), the whole
 * {@link Event} ({@link #on(String, Consumer)}), or nothing ({@link #on(String, Runnable)}). The
 * {@code onAsync} variants return a {@link CompletionStage} that a blocking emit waits for. Handlers
 * may be registered before the entry point connects; they take effect once it does.
 *
 * <h2>Errors</h2>
 * A handler that throws (or whose stage completes exceptionally) does not stop the others: the error
 * is reported to every {@link BusObserver}, and the entry point's {@link BusErrorHandler} decides
 * what follows: log it (the default), retry the handler with backoff, or send the event to a
 * dead-letter type ({@link #setErrorHandler(BusErrorHandler)}). Retries wait on other threads, never
 * on the one delivering events.
 *
 * <h2>Threading and order</h2>
 * Every method is safe to call from any thread. Events emitted by one thread reach each handler in
 * the order they were emitted (through {@link #emit(String, Object)} alone or through
 * {@link #emitAsync(String, Object)} alone; the two paths are not ordered with each other), events
 * that a handler emits while handling included: they reach the handlers after the event being
 * handled. The implementations document which thread runs the handlers. Two exceptions, both the
 * application's choice: a handler with a concurrency above 1 ({@link HandlerOptions}) keeps only the
 * order of its order key's events, and an event whose handler is retried reaches it after later events
 * may have ({@link BusErrorHandler}).
 *
 * <h2>Consumer groups</h2>
 * A handler registered in a group ({@link #on(String, String, Class, Consumer)},
 * {@link HandlerOptions#withGroup(String)}) shares the events of its type with the other members of
 * the group: each event reaches one member of each group, and every handler without a group.
 *
 * <h2>Request/reply</h2>
 * {@link #request(String, Object, Class, Duration)} emits an event whose {@value ReplyHeaders#REPLY_TO}
 * header names a reply type unique to it, and completes with the first reply, which a handler sends with
 * {@link #reply(Event, Object)}; {@link RequestTimeoutException} when none comes in time,
 * {@link NoRespondersException} when nobody subscribes to the type.
 */
public interface EntryPoint extends AutoCloseable {

	/** @return a unique id of this entry point (a UUID string) */
	String id();

	/**
	 * Registers a handler that receives the whole event.
	 * @param type an event type or wildcard pattern
	 * @param handler the handler
	 * @return the registration, which can be cancelled on its own
	 * @throws IllegalArgumentException if the pattern is malformed
	 */
	Subscription on(String type, Consumer<? super Event> handler);

	/**
	 * Registers a handler that receives the payload converted to {@code payloadType}.
	 * @param <T> the payload type
	 * @param type an event type or wildcard pattern
	 * @param payloadType the class the payload is converted to
	 * @param handler the handler; it receives {@code null} for an event without payload
	 * @return the registration
	 */
	<T> Subscription on(String type, Class<T> payloadType, Consumer<? super T> handler);

	/**
	 * Registers a handler that takes no argument, for events without payload.
	 * @param type an event type or wildcard pattern
	 * @param handler the handler
	 * @return the registration
	 */
	Subscription on(String type, Runnable handler);

	/**
	 * Registers an asynchronous handler that receives the whole event.
	 * @param type an event type or wildcard pattern
	 * @param handler the handler; a blocking emit waits for the stage it returns
	 * @return the registration
	 */
	Subscription onAsync(String type, Function<? super Event, ? extends CompletionStage<?>> handler);

	/**
	 * Registers an asynchronous handler that receives the converted payload.
	 * @param <T> the payload type
	 * @param type an event type or wildcard pattern
	 * @param payloadType the class the payload is converted to
	 * @param handler the handler; a blocking emit waits for the stage it returns
	 * @return the registration
	 */
	<T> Subscription onAsync(String type, Class<T> payloadType,
			Function<? super T, ? extends CompletionStage<?>> handler);

	/**
	 * Registers an asynchronous handler of the whole event under a description: the one shape that
	 * adapters building their own handlers use, such as Spring's {@code @EventHandler} methods or a
	 * test's event recorder.
	 * @param type an event type or wildcard pattern
	 * @param handler the handler; it returns the stage a blocking emit waits for, or {@code null} once
	 * it finished. What it throws, or the stage's failure, is logged and reported as any handler's is;
	 * a {@link io.aiodistbus.codec.PayloadCodecException} it throws is reported as a payload that did
	 * not convert ({@link BusObserver#payloadRejected})
	 * @param description the handler as logs and observers name it, such as
	 * {@code chatService.onMessage(ChatMessage)}
	 * @return the registration
	 * @throws IllegalArgumentException if the pattern is malformed
	 */
	Subscription onAsync(String type, Function<? super Event, ? extends CompletionStage<?>> handler,
			String description);

	/**
	 * Registers an asynchronous handler of the whole event under a description, with options of its own
	 * (an error handler, concurrency), as Spring's {@code @EventHandler(retry = ..., concurrency = ...)}
	 * methods are registered.
	 * @param type an event type or wildcard pattern
	 * @param handler the handler, as for {@link #onAsync(String, Function, String)}
	 * @param description the handler as logs and observers name it
	 * @param options the handler's error handler and concurrency ({@link HandlerOptions#defaults()}
	 * for the entry point's error handler, on the delivering thread)
	 * @return the registration
	 * @throws IllegalArgumentException if the pattern is malformed
	 */
	Subscription onAsync(String type, Function<? super Event, ? extends CompletionStage<?>> handler,
			String description, HandlerOptions options);

	/**
	 * Registers a handler of the converted payload in a consumer group: each event of the type reaches
	 * one member of the group (round robin; on the distributed bus the broker chooses among the members
	 * of every client), while handlers without a group get every event. A shortcut for
	 * {@link #onAsync(String, Function, String, HandlerOptions)} with
	 * {@link HandlerOptions#withGroup(String)}.
	 * @param <T> the payload type
	 * @param type an event type or wildcard pattern
	 * @param group the group's name (letters, digits, {@code _}, {@code -}, {@code .})
	 * @param payloadType the class the payload is converted to
	 * @param handler the handler
	 * @return the registration
	 * @throws IllegalArgumentException if the pattern or the group name is malformed
	 */
	default <T> Subscription on(String type, String group, Class<T> payloadType, Consumer<? super T> handler) {
		throw new UnsupportedOperationException(getClass().getName() + " has no consumer groups");
	}

	/**
	 * Emits a request and completes with the payload of its first reply, converted to
	 * {@code replyType}. The event carries a {@value ReplyHeaders#REPLY_TO} header naming a reply type
	 * unique to this request; a handler answers with {@link #reply(Event, Object)} (a Spring
	 * {@code @EventHandler} method by returning a value). Later replies are ignored. Do not block on the
	 * future inside a handler of the local bus: the request is delivered after that handler returns.
	 * @param <R> the reply's payload type
	 * @param type the request's type (not a reserved one)
	 * @param payload the request's payload, may be {@code null}
	 * @param replyType the class the reply's payload is converted to
	 * @param timeout how long to wait for the reply
	 * @return completed with the reply's payload; exceptionally with {@link RequestTimeoutException}
	 * when none came in time, {@link NoRespondersException} when nobody subscribes to the type, or a
	 * {@link io.aiodistbus.codec.PayloadCodecException} when the reply does not convert
	 * @throws EntryPointStateException if the entry point is not connected or already closed
	 */
	default <R> CompletableFuture<R> request(String type, Object payload, Class<R> replyType, Duration timeout) {
		throw new UnsupportedOperationException(getClass().getName() + " has no request/reply");
	}

	/**
	 * Answers a request: emits the payload under the request's reply type.
	 * @param request the request, as a handler received it
	 * @param payload the reply's payload, may be {@code null}
	 * @return the reply event
	 * @throws IllegalArgumentException if the event is no request (no valid {@value ReplyHeaders#REPLY_TO})
	 */
	default Event reply(Event request, Object payload) {
		throw new UnsupportedOperationException(getClass().getName() + " has no request/reply");
	}

	/**
	 * Sets what follows a failure of this entry point's handlers that have no error handler of their
	 * own: {@link BusErrorHandler#logging()} until set. Takes effect for the next failure, handlers
	 * registered earlier included.
	 * @param errorHandler the error handler
	 * @see RetryingErrorHandler
	 */
	void setErrorHandler(BusErrorHandler errorHandler);

	/**
	 * Sets what wraps this entry point's emits and handler calls, for tracing; none until set. Takes
	 * effect for the next emit and handler call.
	 * @param instrumentation the instrumentation, or {@code null} for none
	 */
	void setInstrumentation(BusInstrumentation instrumentation);

	/**
	 * Removes every handler this entry point registered with exactly this type or pattern.
	 * @param type the type or pattern given to {@code on}
	 */
	void off(String type);

	/**
	 * Emits an event without payload and returns once every local handler has run.
	 * @param type the event type
	 * @return the emitted event
	 * @throws EntryPointStateException if the entry point is not connected or already closed
	 */
	default Event emit(String type) {
		return emit(type, null);
	}

	/**
	 * Emits an event and returns once it is handed over: on a local bus, once every handler has
	 * run and every stage an asynchronous handler returned has completed (called by a handler on its
	 * delivering thread: at once, the event queued behind the one being handled); on the distributed
	 * bus, once it is queued for sending.
	 * @param type the event type
	 * @param data the payload, may be {@code null}
	 * @return the emitted event
	 * @throws EntryPointStateException if the entry point is not connected or already closed
	 */
	Event emit(String type, Object data);

	/**
	 * Emits an event with the given id, as a bridge that re-emits an event does.
	 * @param type the event type
	 * @param data the payload, may be {@code null}
	 * @param id the event id, or {@code null} for a new one
	 * @return the emitted event
	 */
	Event emit(String type, Object data, String id);

	/**
	 * Emits an event with headers: names and values that travel with it (trace context, a reply
	 * address), which handlers read from {@link Event#headers()} and cannot change. A bridge that
	 * re-emits an event passes its id and headers on.
	 * @param type the event type
	 * @param data the payload, may be {@code null}
	 * @param id the event id, or {@code null} for a new one
	 * @param headers the headers, copied at emit; names and values must not be {@code null}
	 * @return the emitted event
	 */
	Event emit(String type, Object data, String id, Map<String, String> headers);

	/**
	 * Emits a payload whose class is annotated with {@link BusEvent} under the type it names.
	 * @param payload the payload
	 * @return the emitted event
	 * @throws IllegalArgumentException if the payload's class names no event type
	 */
	default Event emit(Object payload) {
		return emit(BusEventTypes.typeOf(payload), payload);
	}

	/**
	 * Emits an event without waiting for the handlers.
	 * @param type the event type
	 * @param data the payload, may be {@code null}
	 * @return a future completed with the event once it is delivered (on a local bus, once every
	 * handler has run)
	 */
	CompletableFuture<Event> emitAsync(String type, Object data);

	/**
	 * Emits an event with headers without waiting for the handlers.
	 * @param type the event type
	 * @param data the payload, may be {@code null}
	 * @param headers the headers, copied at emit
	 * @return a future completed with the event once it is delivered
	 */
	CompletableFuture<Event> emitAsync(String type, Object data, Map<String, String> headers);

	/**
	 * Adds an observer of this entry point's emits, deliveries and errors.
	 * @param observer the observer
	 */
	void addObserver(BusObserver observer);

	/** @return whether {@link #close()} was called or the bus closed this entry point */
	boolean isClosed();

	/**
	 * Removes this entry point's handlers from the bus and releases its resources. Idempotent.
	 */
	@Override
	void close();
}
