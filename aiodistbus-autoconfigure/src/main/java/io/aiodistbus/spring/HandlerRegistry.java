package io.aiodistbus.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import io.aiodistbus.HandlerOptions;
import io.aiodistbus.EntryPoint;
import io.aiodistbus.ReplyHeaders;
import io.aiodistbus.Subscription;
import io.aiodistbus.event.Event;

/**
 * Handlers grouped by namespace, to be put on entry points, as Python aiodistbus's
 * {@code registry.on(...)} and {@code entrypoint.use(registry, namespace)} do.
 * <p>
 * {@link EventHandler @EventHandler} methods land here; the namespaces listed in
 * {@code aiodistbus.namespaces} are put on the application's entry point at start-up. Any namespace
 * can be put on another entry point with {@link #use(EntryPoint, String)}, for example to serve a
 * second bus.
 * <p>
 * The binding is live: a handler registered after {@code use} (by a lazily created bean, say) is
 * put on every entry point its namespace is used on. Thread-safe.
 */
public final class HandlerRegistry {

	/** The namespace of handlers that name none. */
	public static final String DEFAULT_NAMESPACE = "default";

	private final Map<String, List<Handler>> handlers = new LinkedHashMap<>();

	private final Map<String, List<EntryPoint>> uses = new LinkedHashMap<>();

	/**
	 * Adds a handler to a namespace, and to every entry point the namespace is already used on.
	 * @param namespace the namespace
	 * @param type an event type or wildcard pattern
	 * @param handler the handler, in the shape of {@link EntryPoint#onAsync(String, Function, String)}:
	 * it returns the stage to wait for, or {@code null} once it finished
	 * @param description the handler as logs name it, such as {@code chatService.onMessage(ChatMessage)}
	 */
	public void register(String namespace, String type, Function<? super Event, ? extends CompletionStage<?>> handler,
			String description) {
		register(namespace, type, handler, description, HandlerOptions.defaults());
	}

	/**
	 * Adds a handler with options of its own (an error handler, concurrency) to a namespace, and to
	 * every entry point the namespace is already used on.
	 * @param namespace the namespace
	 * @param type an event type or wildcard pattern
	 * @param handler the handler, as for {@link #register(String, String, Function, String)}
	 * @param description the handler as logs name it
	 * @param options the handler's options; each entry point it is put on gives it lanes of its own
	 */
	public void register(String namespace, String type,
			Function<? super Event, ? extends CompletionStage<?>> handler, String description,
			HandlerOptions options) {
		register(namespace, type, handler, description, options, false);
	}

	/**
	 * Adds a handler with options of its own to a namespace, and to every entry point the namespace is
	 * already used on; one that replies answers each request it handles with what its stage completes
	 * with, through the entry point it is on ({@link EntryPoint#reply(Event, Object)}).
	 * @param namespace the namespace
	 * @param type an event type or wildcard pattern
	 * @param handler the handler, as for {@link #register(String, String, Function, String)}; a replying
	 * one returns a stage of its reply
	 * @param description the handler as logs name it
	 * @param options the handler's options
	 * @param replies whether the handler's result answers events that carry a
	 * {@value io.aiodistbus.ReplyHeaders#REPLY_TO} header
	 */
	public synchronized void register(String namespace, String type,
			Function<? super Event, ? extends CompletionStage<?>> handler, String description,
			HandlerOptions options, boolean replies) {
		Handler registered = new Handler(Objects.requireNonNull(type, "type must not be null"),
				Objects.requireNonNull(handler, "handler must not be null"), description,
				Objects.requireNonNull(options, "options must not be null"), replies);
		this.handlers.computeIfAbsent(namespace, (key) -> new ArrayList<>()).add(registered);
		for (EntryPoint entryPoint : this.uses.getOrDefault(namespace, List.of())) {
			registered.subscribe(entryPoint);
		}
	}

	/**
	 * Puts a namespace's handlers on an entry point, now and as more are registered.
	 * @param entryPoint the entry point
	 * @param namespace the namespace
	 * @return the registrations made now
	 */
	public synchronized List<Subscription> use(EntryPoint entryPoint, String namespace) {
		Objects.requireNonNull(entryPoint, "entryPoint must not be null");
		this.uses.computeIfAbsent(namespace, (key) -> new ArrayList<>()).add(entryPoint);
		return this.handlers.getOrDefault(namespace, List.of())
			.stream()
			.map((handler) -> handler.subscribe(entryPoint))
			.toList();
	}

	/**
	 * @param namespace a namespace
	 * @return descriptions of the handlers registered in it, in registration order
	 */
	public synchronized List<String> handlers(String namespace) {
		return this.handlers.getOrDefault(namespace, List.of()).stream().map(Handler::description).toList();
	}

	private record Handler(String type, Function<? super Event, ? extends CompletionStage<?>> handler,
			String description, HandlerOptions options, boolean replies) {

		Subscription subscribe(EntryPoint entryPoint) {
			if (!this.replies) {
				return entryPoint.onAsync(this.type, this.handler, this.description, this.options);
			}
			return entryPoint.onAsync(this.type, (event) -> {
				CompletionStage<?> result = this.handler.apply(event);
				if (result == null || !event.headers().containsKey(ReplyHeaders.REPLY_TO)) {
					return result;
				}
				return result.thenAccept((value) -> entryPoint.reply(event, value));
			}, this.description, this.options);
		}
	}
}
