package io.aiodistbus.internal.dispatch;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.BusObserver;
import io.aiodistbus.event.Event;

/**
 * The observers of one entry point, fanned out. An observer that throws is logged and skipped so it
 * cannot break dispatch.
 */
public final class Observers implements BusObserver {

	// emitted, received and handled run per event: they loop by hand rather than through each(), whose
	// lambda would capture the event on every call

	private static final Logger logger = LoggerFactory.getLogger(Observers.class);

	private volatile BusObserver[] observers = new BusObserver[0];

	private volatile boolean timed;

	private final Runnable rejectionCounter;

	/**
	 * @param rejectionCounter told of every payload a handler's class refused, besides the observers: the
	 * entry point's own count, kept apart so that an entry point without observers is seen to have none
	 * and the per-event calls are skipped
	 */
	public Observers(Runnable rejectionCounter) {
		this.rejectionCounter = rejectionCounter;
	}

	/**
	 * @param observer the observer to add
	 */
	public synchronized void add(BusObserver observer) {
		Objects.requireNonNull(observer, "observer must not be null");
		BusObserver[] grown = Arrays.copyOf(this.observers, this.observers.length + 1);
		grown[grown.length - 1] = observer;
		this.observers = grown;
		this.timed |= observer.timesHandlers();
	}

	/** @return whether any observer is registered */
	public boolean isEmpty() {
		return this.observers.length == 0;
	}

	@Override
	public boolean timesHandlers() {
		return this.timed;
	}

	@Override
	public void emitted(Event event) {
		for (BusObserver observer : this.observers) {
			try {
				observer.emitted(event);
			}
			catch (RuntimeException ex) {
				failed(observer, ex);
			}
		}
	}

	@Override
	public void received(Event event) {
		for (BusObserver observer : this.observers) {
			try {
				observer.received(event);
			}
			catch (RuntimeException ex) {
				failed(observer, ex);
			}
		}
	}

	@Override
	public void handled(Event event, String handler, long nanos) {
		for (BusObserver observer : this.observers) {
			try {
				observer.handled(event, handler, nanos);
			}
			catch (RuntimeException ex) {
				failed(observer, ex);
			}
		}
	}

	@Override
	public void handlerFailed(Event event, String handler, Throwable error) {
		each((observer) -> observer.handlerFailed(event, handler, error));
	}

	@Override
	public void handlerRetrying(Event event, String handler, Throwable error, int attempt, Duration delay) {
		each((observer) -> observer.handlerRetrying(event, handler, error, attempt, delay));
	}

	@Override
	public void deadLettered(Event event, String handler, Throwable error, int attempts, String deadLetterType) {
		each((observer) -> observer.deadLettered(event, handler, error, attempts, deadLetterType));
	}

	@Override
	public void payloadRejected(Event event, String handler, RuntimeException error) {
		this.rejectionCounter.run();
		each((observer) -> observer.payloadRejected(event, handler, error));
	}

	/**
	 * Hands every observer to an action, isolating failures; for observer methods that other
	 * packages add.
	 * @param action what to tell each observer
	 */
	public void each(Consumer<BusObserver> action) {
		for (BusObserver observer : this.observers) {
			try {
				action.accept(observer);
			}
			catch (RuntimeException ex) {
				failed(observer, ex);
			}
		}
	}

	private static void failed(BusObserver observer, RuntimeException ex) {
		logger.warn("Observer {} threw; ignoring it for this call", observer, ex);
	}
}
