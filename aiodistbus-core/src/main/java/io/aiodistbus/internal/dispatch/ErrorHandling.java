package io.aiodistbus.internal.dispatch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.BusErrorHandler;
import io.aiodistbus.DeadLetterHeaders;
import io.aiodistbus.ErrorAction;
import io.aiodistbus.HandlerFailure;
import io.aiodistbus.event.Event;

/**
 * An entry point's side of handler failures: its default {@link BusErrorHandler}, the timing of
 * retries, and the emit of dead letters through the entry point. One per entry point.
 */
final class ErrorHandling {

	private static final Logger logger = LoggerFactory.getLogger(ErrorHandling.class);

	private static final int RETRY_THREADS = 16;

	private static final AtomicInteger retryThreads = new AtomicInteger();

	/**
	 * Runs the retries that fell due, shared by every entry point: JDK's delayed executor times them on
	 * its one scheduler thread and hands them here, so a retried handler that is slow holds up at most
	 * one of these threads, and never a thread that delivers events. Daemon threads that end when idle.
	 */
	private static final Executor retryPool = newRetryPool();

	private final BooleanSupplier closed;

	private final DeadLetterSender sender;

	private volatile BusErrorHandler defaultHandler = BusErrorHandler.logging();

	/**
	 * @param closed tells whether the entry point closed, when a retry falls due
	 * @param sender emits a dead letter through the entry point
	 */
	ErrorHandling(BooleanSupplier closed, DeadLetterSender sender) {
		this.closed = closed;
		this.sender = sender;
	}

	void setDefault(BusErrorHandler handler) {
		this.defaultHandler = Objects.requireNonNull(handler, "errorHandler must not be null");
	}

	/**
	 * @param own the handler's own error handler, or {@code null}
	 * @param failure the failure
	 * @return what to do; {@link ErrorAction#log()} when the error handler fails or says nothing
	 */
	ErrorAction decide(BusErrorHandler own, HandlerFailure failure) {
		BusErrorHandler handler = (own != null) ? own : this.defaultHandler;
		try {
			ErrorAction action = handler.handle(failure);
			return (action != null) ? action : ErrorAction.log();
		}
		catch (RuntimeException ex) {
			logger.warn("Error handler {} failed on the failure of {}; logging it instead", handler,
					failure.handler(), ex);
			return ErrorAction.log();
		}
	}

	/**
	 * Schedules the next attempt of a failed handler.
	 * @param delay how long to wait
	 * @param next runs the attempt and returns its stage, as {@link Subscriber#deliver} does
	 * @param event the event, for the log
	 * @param handler the handler's description, for the log
	 * @return completed normally once the attempt (and those it led to) finished or was dropped
	 */
	CompletableFuture<Void> retry(Duration delay, Supplier<CompletionStage<?>> next, Event event, String handler) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		Runnable attempt = () -> {
			if (this.closed.getAsBoolean()) {
				logger.warn("Dropped the retry of handler {} on event '{}' (id {}): the entry point closed", handler,
						LogSafety.safe(event.type()), LogSafety.safe(event.id()));
				done.complete(null);
				return;
			}
			try {
				CompletionStage<?> stage = next.get();
				if (stage == null) {
					done.complete(null);
				}
				else {
					stage.whenComplete((ignored, ex) -> done.complete(null));
				}
			}
			catch (RuntimeException ex) {
				// Subscriber isolates the handler; this is a failure of the bus itself, kept off the pool.
				logger.error("Retry of handler {} on event '{}' failed", handler, LogSafety.safe(event.type()), ex);
				done.complete(null);
			}
		};
		try {
			CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, retryPool).execute(attempt);
		}
		catch (RejectedExecutionException ex) {
			logger.error("Could not schedule the retry of handler {} on event '{}'", handler,
					LogSafety.safe(event.type()), ex);
			done.complete(null);
		}
		return done;
	}

	/**
	 * Emits the payload of a failed event under a dead-letter type.
	 * @param failure the last failure
	 * @param type the dead-letter type
	 * @return whether it was emitted; when not, the reason was logged and the failure is to be logged
	 */
	boolean deadLetter(HandlerFailure failure, String type) {
		Event event = failure.event();
		if (event.headers().containsKey(DeadLetterHeaders.ORIGINAL_TYPE)) {
			logger.warn("Did not send event '{}' (id {}) to '{}': it is a dead letter already", LogSafety.safe(event.type()),
					LogSafety.safe(event.id()), LogSafety.safe(type));
			return false;
		}
		try {
			this.sender.send(type, event.data(), headers(failure));
			return true;
		}
		catch (RuntimeException ex) {
			logger.error("Could not send event '{}' (id {}) to the dead-letter type '{}'", LogSafety.safe(event.type()),
					LogSafety.safe(event.id()), LogSafety.safe(type), ex);
			return false;
		}
	}

	private static Map<String, String> headers(HandlerFailure failure) {
		Event event = failure.event();
		Map<String, String> headers = new LinkedHashMap<>(event.headers());
		String message = failure.error().getMessage();
		if (message == null) {
			message = "";
		}
		else if (message.length() > DeadLetterHeaders.MAX_MESSAGE_LENGTH) {
			message = message.substring(0, DeadLetterHeaders.MAX_MESSAGE_LENGTH);
		}
		headers.put(DeadLetterHeaders.ORIGINAL_TYPE, event.type());
		headers.put(DeadLetterHeaders.ORIGINAL_ID, event.id());
		headers.put(DeadLetterHeaders.EXCEPTION, failure.error().getClass().getName());
		headers.put(DeadLetterHeaders.EXCEPTION_MESSAGE, message);
		headers.put(DeadLetterHeaders.ATTEMPTS, Integer.toString(failure.attempt()));
		headers.put(DeadLetterHeaders.HANDLER, failure.handler());
		return headers;
	}

	private static Executor newRetryPool() {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(RETRY_THREADS, RETRY_THREADS, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "aiodistbus-retry-" + retryThreads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/** Emits a dead letter through the entry point of the failed handler. */
	@FunctionalInterface
	interface DeadLetterSender {

		void send(String type, Object data, Map<String, String> headers);
	}
}
