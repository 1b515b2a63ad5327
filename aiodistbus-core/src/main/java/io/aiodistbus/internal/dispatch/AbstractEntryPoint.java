package io.aiodistbus.internal.dispatch;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import io.aiodistbus.BusErrorHandler;
import io.aiodistbus.BusInstrumentation;
import io.aiodistbus.HandlerOptions;
import io.aiodistbus.BusObserver;
import io.aiodistbus.EntryPoint;
import io.aiodistbus.NoRespondersException;
import io.aiodistbus.ReplyHeaders;
import io.aiodistbus.Subscription;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.Event;
import io.aiodistbus.event.EventIds;
import io.aiodistbus.event.ReservedTopics;
import io.aiodistbus.internal.topic.TopicPattern;

/**
 * What the local and the distributed entry point share: handler registration, the observers, and the
 * shape of {@code emit}. Subclasses say where subscribers go when they are attached and how an event
 * leaves.
 */
public abstract class AbstractEntryPoint implements EntryPoint {

	private final String id = EventIds.next();

	private final Observers observers = new Observers(this::payloadRejected);

	private final InstrumentationSlot instrumentation = new InstrumentationSlot();

	private final ErrorHandling errors = new ErrorHandling(this::isClosed,
			(type, data, headers) -> emit(type, data, null, headers));

	private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

	private final PayloadCodec codec;

	private final Function<Object, String> dtypeNamer;

	private final PendingRequests requests;

	/**
	 * @param codec names the dtype of emitted payloads and converts received ones for typed handlers
	 */
	protected AbstractEntryPoint(PayloadCodec codec) {
		this.codec = codec;
		this.dtypeNamer = codec::dtypeOf;
		this.requests = new PendingRequests(this.id, codec);
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public Subscription on(String type, Consumer<? super Event> handler) {
		return subscribe(type, Invokers.ofEvent(handler), handler);
	}

	@Override
	public <T> Subscription on(String type, Class<T> payloadType, Consumer<? super T> handler) {
		return subscribe(type, Invokers.ofPayload(this.codec, payloadType, handler), handler);
	}

	@Override
	public <T> Subscription on(String type, String group, Class<T> payloadType, Consumer<? super T> handler) {
		Objects.requireNonNull(group, "group must not be null");
		return subscribe(type, Invokers.ofPayload(this.codec, payloadType, handler), Invokers.describe(handler, type),
				HandlerOptions.defaults().withGroup(group));
	}

	@Override
	public Subscription on(String type, Runnable handler) {
		return subscribe(type, Invokers.ofNothing(handler), handler);
	}

	@Override
	public Subscription onAsync(String type, Function<? super Event, ? extends CompletionStage<?>> handler) {
		return subscribe(type, Invokers.ofEventAsync(handler), handler);
	}

	@Override
	public <T> Subscription onAsync(String type, Class<T> payloadType,
			Function<? super T, ? extends CompletionStage<?>> handler) {
		return subscribe(type, Invokers.ofPayloadAsync(this.codec, payloadType, handler), handler);
	}

	@Override
	public Subscription onAsync(String type, Function<? super Event, ? extends CompletionStage<?>> handler,
			String description) {
		return subscribe(type, Invokers.ofEventAsync(handler), description, HandlerOptions.defaults());
	}

	@Override
	public Subscription onAsync(String type, Function<? super Event, ? extends CompletionStage<?>> handler,
			String description, HandlerOptions options) {
		return subscribe(type, Invokers.ofEventAsync(handler), description,
				Objects.requireNonNull(options, "options must not be null"));
	}

	@Override
	public void setErrorHandler(BusErrorHandler errorHandler) {
		this.errors.setDefault(errorHandler);
	}

	@Override
	public void setInstrumentation(BusInstrumentation instrumentation) {
		this.instrumentation.set(instrumentation);
	}

	private Subscription subscribe(String type, Invoker invoker, String description, HandlerOptions options) {
		TopicPattern pattern = TopicPattern.parse(type);
		Subscriber subscriber = new Subscriber(this.id, pattern, invoker, description, this.observers, this.errors,
				options, this.instrumentation);
		synchronized (this) {
			if (isClosed()) {
				throw new io.aiodistbus.EntryPointStateException(
						"Cannot register a handler for '" + type + "': entry point " + this.id + " is closed");
			}
			this.subscribers.add(subscriber);
			attached(subscriber);
		}
		afterAttached(subscriber);
		return new Registration(subscriber);
	}

	private Subscription subscribe(String type, Invoker invoker, Object handler) {
		return subscribe(type, invoker, Invokers.describe(handler, type), HandlerOptions.defaults());
	}

	@Override
	public void off(String type) {
		synchronized (this) {
			for (Subscriber subscriber : this.subscribers) {
				if (subscriber.pattern().text().equals(type)) {
					this.subscribers.remove(subscriber);
					detached(subscriber);
					subscriber.close();
				}
			}
		}
	}

	@Override
	public Event emit(String type, Object data) {
		return emit(type, data, null, Map.of());
	}

	@Override
	public Event emit(String type, Object data, String eventId) {
		return emit(type, data, eventId, Map.of());
	}

	@Override
	public Event emit(String type, Object data, String eventId, Map<String, String> headers) {
		checkCanEmit(type);
		BusInstrumentation traced = this.instrumentation.get();
		if (traced != null) {
			return traced.emit(type, headers, (carried) -> emitChecked(type, data, eventId, carried));
		}
		return emitChecked(type, data, eventId, headers);
	}

	private Event emitChecked(String type, Object data, String eventId, Map<String, String> headers) {
		Event event = Event.emitted(type, data, this.dtypeNamer, eventId, headers);
		if (!this.observers.isEmpty()) {
			this.observers.emitted(event);
		}
		publish(event);
		return event;
	}

	@Override
	public CompletableFuture<Event> emitAsync(String type, Object data) {
		return emitAsync(type, data, Map.of());
	}

	@Override
	public CompletableFuture<Event> emitAsync(String type, Object data, Map<String, String> headers) {
		checkCanEmit(type);
		BusInstrumentation traced = this.instrumentation.get();
		if (traced != null) {
			return traced.emit(type, headers, (carried) -> emitAsyncChecked(type, data, carried));
		}
		return emitAsyncChecked(type, data, headers);
	}

	private CompletableFuture<Event> emitAsyncChecked(String type, Object data, Map<String, String> headers) {
		Event event = Event.emitted(type, data, this.dtypeNamer, null, headers);
		if (!this.observers.isEmpty()) {
			this.observers.emitted(event);
		}
		return publishAsync(event);
	}

	@Override
	public <R> CompletableFuture<R> request(String type, Object payload, Class<R> replyType, Duration timeout) {
		Objects.requireNonNull(replyType, "replyType must not be null");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
		if (ReservedTopics.isReserved(type)) {
			throw new IllegalArgumentException("Cannot request '" + type + "': the type is reserved for the bus");
		}
		checkCanEmit(type);
		prepareReplies(this.requests.prefix());
		PendingRequests.Pending<R> request = this.requests.start(type, replyType, timeout);
		if (!hasResponders(type)) {
			this.requests.fail(request, new NoRespondersException(type));
			return request.future();
		}
		Map<String, String> headers = new HashMap<>();
		headers.put(ReplyHeaders.REPLY_TO, request.replyType());
		try {
			emit(type, payload, null, headers);
		}
		catch (RuntimeException ex) {
			this.requests.fail(request, ex);
			throw ex;
		}
		return request.future();
	}

	@Override
	public Event reply(Event request, Object payload) {
		String replyTo = request.headers().get(ReplyHeaders.REPLY_TO);
		if (replyTo == null || !ReservedTopics.isReply(replyTo)) {
			throw new IllegalArgumentException("Cannot reply to event '" + request.type() + "' (id " + request.id()
					+ "): it is no request (" + ReplyHeaders.REPLY_TO + " is " + ((replyTo != null) ? "'" + replyTo
							+ "', not under " + ReservedTopics.REPLY_PREFIX : "missing") + ")");
		}
		return emit(replyTo, payload, null, Map.of());
	}

	/**
	 * Completes the request a reply answers, if it is one of this entry point's and still waits.
	 * @param reply an event of a reply type
	 * @return whether the type is one of this entry point's reply types
	 */
	protected boolean replyReceived(Event reply) {
		if (!this.requests.isReply(reply.type())) {
			return false;
		}
		this.requests.received(reply);
		return true;
	}

	/**
	 * @param type an event type
	 * @return whether it is one of this entry point's reply types
	 */
	protected boolean isOwnReply(String type) {
		return this.requests.isReply(type);
	}

	/**
	 * Called before each request, for a subclass to make sure replies under the prefix will reach it
	 * (the distributed client subscribes once and proves it live); nothing by default.
	 * @param replyPrefix the prefix of every reply type of this entry point
	 */
	protected void prepareReplies(String replyPrefix) {
	}

	/**
	 * @param type a request's type
	 * @return {@code false} only when it is known at once that nobody can answer it (the local bus);
	 * the distributed bus leaves that to the broker
	 */
	protected boolean hasResponders(String type) {
		return true;
	}

	@Override
	public void addObserver(BusObserver observer) {
		this.observers.add(observer);
	}

	/**
	 * Waits until the lanes of this entry point's handlers with a concurrency above 1 hold no call, for
	 * a graceful pause; the caller has stopped delivering to them.
	 * @param deadlineNanos until when to wait, in {@link System#nanoTime()}'s terms
	 * @return whether they were idle in time ({@code false} when called from a lane)
	 */
	protected boolean awaitHandlerLanes(long deadlineNanos) {
		for (Subscriber subscriber : this.subscribers) {
			if (!subscriber.awaitIdle(deadlineNanos)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Counts a payload that did not convert to a handler's class, for an entry point that keeps such
	 * counts; nothing by default. Called on the delivering thread.
	 */
	protected void payloadRejected() {
	}

	/** @return this entry point's observers */
	protected Observers observers() {
		return this.observers;
	}

	/** @return the subscribers this entry point registered, in registration order */
	protected List<Subscriber> subscribers() {
		return this.subscribers;
	}

	/**
	 * Called, under this entry point's lock, when a subscriber is registered.
	 * @param subscriber the new subscriber
	 */
	protected abstract void attached(Subscriber subscriber);

	/**
	 * Called after {@link #attached}, outside the lock, for work that may wait, such as proving that a
	 * subscription is live.
	 * @param subscriber the new subscriber
	 */
	protected void afterAttached(Subscriber subscriber) {
	}

	/**
	 * Called, under this entry point's lock, when a subscriber is removed.
	 * @param subscriber the removed subscriber
	 */
	protected abstract void detached(Subscriber subscriber);

	/**
	 * Throws an {@link io.aiodistbus.EntryPointStateException} if events cannot be emitted now.
	 * @param type the type about to be emitted, for the message
	 */
	protected abstract void checkCanEmit(String type);


	/**
	 * Sends an event on and returns once it is handed over.
	 * @param event the event
	 */
	protected abstract void publish(Event event);

	/**
	 * Sends an event on without waiting for its handlers.
	 * @param event the event
	 * @return completed with the event once it is delivered
	 */
	protected abstract CompletableFuture<Event> publishAsync(Event event);

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.id + "]";
	}

	private final class Registration implements Subscription {

		private final Subscriber subscriber;

		Registration(Subscriber subscriber) {
			this.subscriber = subscriber;
		}

		@Override
		public String type() {
			return this.subscriber.pattern().text();
		}

		@Override
		public void cancel() {
			synchronized (AbstractEntryPoint.this) {
				if (AbstractEntryPoint.this.subscribers.remove(this.subscriber)) {
					detached(this.subscriber);
					this.subscriber.close();
				}
			}
		}
	}
}
