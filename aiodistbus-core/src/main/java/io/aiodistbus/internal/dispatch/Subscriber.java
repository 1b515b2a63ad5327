package io.aiodistbus.internal.dispatch;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.codec.PayloadCodecException;
import io.aiodistbus.event.Event;
import io.aiodistbus.internal.topic.TopicPattern;

/**
 * One registered handler: who owns it, what it listens to, and how to call it. Delivery isolates the
 * handler: whatever it throws is logged and reported, never passed to the caller.
 */
public final class Subscriber {

	private static final Logger logger = LoggerFactory.getLogger(Subscriber.class);

	/** Payloads that do not convert come from peers, who must not be able to flood the log. */
	private static final LogThrottle rejections = new LogThrottle(10_000_000_000L, 20);

	private final String ownerId;

	private final TopicPattern pattern;

	private final Invoker invoker;

	private final String description;

	private final Observers observers;

	/**
	 * @param ownerId the id of the entry point that registered the handler
	 * @param pattern what the handler listens to
	 * @param invoker how to call the handler
	 * @param description the handler as logs and observers name it
	 * @param observers the owner's observers
	 */
	public Subscriber(String ownerId, TopicPattern pattern, Invoker invoker, String description, Observers observers) {
		this.ownerId = ownerId;
		this.pattern = pattern;
		this.invoker = invoker;
		this.description = description;
		this.observers = observers;
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
	 * Calls the handler.
	 * @param event the event
	 * @return the stage to wait for, completed normally even when the handler fails, or
	 * {@code null} when the handler already finished
	 */
	public CompletionStage<?> deliver(Event event) {
		Observers observers = this.observers;
		boolean timed = observers.timesHandlers();
		long start = timed ? System.nanoTime() : 0L;
		CompletionStage<?> stage;
		try {
			stage = this.invoker.invoke(event);
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
			failed(event, ex);
			return null;
		}
		if (stage == null) {
			if (timed) {
				observers.handled(event, this.description, System.nanoTime() - start);
			}
			return null;
		}
		return stage.handle((result, ex) -> {
			if (ex != null) {
				failed(event, (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex);
			}
			else if (timed) {
				observers.handled(event, this.description, System.nanoTime() - start);
			}
			return null;
		});
	}

	private void failed(Event event, Throwable ex) {
		logger.error("Handler {} failed on event '{}' (id {})", this.description, LogSafety.safe(event.type()),
				LogSafety.safe(event.id()), ex);
		this.observers.handlerFailed(event, this.description, ex);
	}

	@Override
	public String toString() {
		return this.pattern.text() + " -> " + this.description;
	}
}
