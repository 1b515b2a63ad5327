package io.aiodistbus.internal.dispatch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.BusErrorHandler;
import io.aiodistbus.ErrorAction;
import io.aiodistbus.HandlerFailure;
import io.aiodistbus.HandlerOptions;
import io.aiodistbus.codec.PayloadCodecException;
import io.aiodistbus.event.Event;
import io.aiodistbus.internal.topic.TopicPattern;

/**
 * One registered handler: who owns it, what it listens to, and how to call it. Delivery isolates the
 * handler: whatever it throws is reported and handed to its error handler (logged, retried or
 * dead-lettered), never passed to the caller.
 */
public final class Subscriber {

	private static final Logger logger = LoggerFactory.getLogger(Subscriber.class);

	/** Payloads that do not convert come from peers, who must not be able to flood the log. */
	private static final LogThrottle rejections = new LogThrottle(10_000_000_000L, 20);

	private static final CompletableFuture<Object> DONE = CompletableFuture.completedFuture(null);

	private final String ownerId;

	private final TopicPattern pattern;

	private final Invoker invoker;

	private final String description;

	private final Observers observers;

	private final ErrorHandling errors;

	private final BusErrorHandler errorHandler;

	private final InstrumentationSlot instrumentation;

	/** The handler's own threads, for a concurrency above 1; {@code null} to run on the delivering thread. */
	private final HandlerLanes lanes;

	/** The consumer group, {@code null} for a handler that gets every event. */
	private final String group;

	/**
	 * @param ownerId the id of the entry point that registered the handler
	 * @param pattern what the handler listens to
	 * @param invoker how to call the handler
	 * @param description the handler as logs and observers name it
	 * @param observers the owner's observers
	 * @param errors the owner's handling of failures
	 * @param options the handler's own error handler and concurrency
	 * @param instrumentation the owner's instrumentation, which wraps each call
	 */
	Subscriber(String ownerId, TopicPattern pattern, Invoker invoker, String description, Observers observers,
			ErrorHandling errors, HandlerOptions options, InstrumentationSlot instrumentation) {
		this.ownerId = ownerId;
		this.pattern = pattern;
		this.invoker = invoker;
		this.description = description;
		this.observers = observers;
		this.errors = errors;
		this.errorHandler = options.errorHandler();
		this.instrumentation = instrumentation;
		this.lanes = (options.concurrency() > 1) ? new HandlerLanes(description, options) : null;
		this.group = options.group();
	}

	/** @return the handler's consumer group, {@code null} when it gets every event */
	public String group() {
		return this.group;
	}

	/** @return the id of the entry point that registered the handler */
	public String ownerId() {
		return this.ownerId;
	}

	/** @return what the handler listens to */
	public TopicPattern pattern() {
		return this.pattern;
	}

	/** @return the handler as logs name it */
	public String description() {
		return this.description;
	}

	/**
	 * Calls the handler; should it fail, the error handler decides what follows (see
	 * {@link BusErrorHandler} for where retries wait).
	 * @param event the event
	 * @return the stage to wait for, completed normally even when the handler fails, once it succeeded,
	 * gave up or was dead-lettered; or {@code null} when the handler already finished
	 */
	public CompletionStage<?> deliver(Event event) {
		HandlerLanes own = this.lanes;
		return (own != null) ? own.submit(event, () -> attempt(event, 1)) : attempt(event, 1);
	}

	/**
	 * @param deadlineNanos until when to wait
	 * @return whether the handler's lanes hold no call (at once for a handler without lanes)
	 */
	boolean awaitIdle(long deadlineNanos) {
		return this.lanes == null || this.lanes.awaitIdle(deadlineNanos);
	}

	/** Called when the handler is removed: its own threads finish what they hold and end. */
	void close() {
		if (this.lanes != null) {
			this.lanes.shutdown();
		}
	}

	private CompletionStage<?> attempt(Event event, int attempt) {
		Observers observers = this.observers;
		boolean timed = observers.timesHandlers();
		long start = timed ? System.nanoTime() : 0L;
		CompletionStage<?> stage;
		try {
			stage = this.instrumentation.invoke(event, this.description, this.invoker);
		}
		catch (PayloadCodecException ex) {
			long admitted = rejections.admit();
			if (admitted > 0) {
				logger.warn("Dropped event '{}' (id {}) for handler {}: {}{}", LogSafety.safe(event.type()),
						LogSafety.safe(event.id()), this.description, LogSafety.safe(ex.getMessage()),
						(admitted > 1) ? " (" + (admitted - 1) + " more dropped earlier without a log line)" : "");
			}
			this.observers.payloadRejected(event, this.description, ex);
			return null;
		}
		catch (VirtualMachineError error) {
			throw error;
		}
		catch (Throwable ex) {
			return failed(event, ex, attempt);
		}
		if (stage == null) {
			if (timed) {
				observers.handled(event, this.description, System.nanoTime() - start);
			}
			return null;
		}
		return stage.handle((result, ex) -> {
			if (ex != null) {
				return failed(event, (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex,
						attempt);
			}
			if (timed) {
				observers.handled(event, this.description, System.nanoTime() - start);
			}
			return null;
		}).thenCompose(Subscriber::orDone);
	}

	/**
	 * Reports a failed attempt and does what the error handler decided.
	 * @return the stage of a scheduled retry, or {@code null} when the handler gave up
	 */
	private CompletionStage<?> failed(Event event, Throwable ex, int attempt) {
		this.observers.handlerFailed(event, this.description, ex);
		HandlerFailure failure = new HandlerFailure(event, this.description, ex, attempt);
		ErrorAction action = this.errors.decide(this.errorHandler, failure);
		if (action.kind() == ErrorAction.Kind.RETRY) {
			if (logger.isWarnEnabled()) {
				logger.warn("Handler {} failed on event '{}' (id {}), attempt {}; retrying in {} ms: {}", this.description,
						LogSafety.safe(event.type()), LogSafety.safe(event.id()), attempt, action.delay().toMillis(),
						LogSafety.safe(ex.toString()));
			}
			this.observers.handlerRetrying(event, this.description, ex, attempt, action.delay());
			return this.errors.retry(action.delay(), () -> attempt(event, attempt + 1), event, this.description);
		}
		if (action.kind() == ErrorAction.Kind.DEAD_LETTER && this.errors.deadLetter(failure, action.deadLetterType())) {
			logger.warn("Handler {} failed on event '{}' (id {}) after {} attempt{}; sent it to '{}'", this.description,
					LogSafety.safe(event.type()), LogSafety.safe(event.id()), attempt, (attempt == 1) ? "" : "s",
					LogSafety.safe(action.deadLetterType()), ex);
			this.observers.deadLettered(event, this.description, ex, attempt, action.deadLetterType());
			return null;
		}
		logger.error("Handler {} failed on event '{}' (id {}){}", this.description, LogSafety.safe(event.type()),
				LogSafety.safe(event.id()), (attempt == 1) ? "" : " after " + attempt + " attempts", ex);
		return null;
	}

	@SuppressWarnings("unchecked") // completes normally with null whatever its declared type: nobody reads it
	private static CompletionStage<Object> orDone(CompletionStage<?> retried) {
		return (retried != null) ? (CompletionStage<Object>) retried : DONE;
	}

	@Override
	public String toString() {
		return this.pattern.text() + " -> " + this.description;
	}
}
