package io.aiodistbus.internal.dispatch;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.HandlerOptions;
import io.aiodistbus.event.Event;

/**
 * The lanes of one handler whose concurrency is above 1 (see {@link HandlerOptions}): one pool of
 * {@code concurrency} threads with one bounded queue, or, with an order key, {@code concurrency}
 * single-thread lanes chosen by the key's hash. A full queue makes the delivering thread wait.
 */
final class HandlerLanes {

	private static final Logger logger = LoggerFactory.getLogger(HandlerLanes.class);

	private static final AtomicInteger threadCount = new AtomicInteger();

	/** The lanes whose call the current thread is making, so that they do not wait for themselves. */
	private static final ThreadLocal<HandlerLanes> calling = new ThreadLocal<>();

	/** Waits for room instead of refusing: the bound is for memory, not a reason to drop. */
	private static final RejectedExecutionHandler WAIT_FOR_ROOM = (task, executor) -> {
		if (executor.isShutdown()) {
			throw new RejectedExecutionException("The handler's lanes are shut down");
		}
		try {
			executor.getQueue().put(task);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RejectedExecutionException("Interrupted while waiting for room in the handler's queue", ex);
		}
	};

	private final String handler;

	private final ThreadPoolExecutor[] lanes;

	private final Function<? super Event, ?> orderKey;

	/** Calls submitted and not finished yet, their stages included; guarded by this. */
	private int inFlight;

	HandlerLanes(String handler, HandlerOptions options) {
		this.handler = handler;
		this.orderKey = options.orderKey();
		int count = (this.orderKey != null) ? options.concurrency() : 1;
		int threads = (this.orderKey != null) ? 1 : options.concurrency();
		ThreadFactory factory = (options.threadFactory() != null) ? options.threadFactory() : (task) -> {
			Thread thread = new Thread(task, "aiodistbus-handler-" + threadCount.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		this.lanes = new ThreadPoolExecutor[count];
		for (int i = 0; i < count; i++) {
			ThreadPoolExecutor lane = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
					new ArrayBlockingQueue<>(options.queueCapacity()), factory, WAIT_FOR_ROOM);
			lane.allowCoreThreadTimeOut(true);
			this.lanes[i] = lane;
		}
	}

	/**
	 * Hands a call to the lane of its event, waiting for room when the lane is full.
	 * @param event the event
	 * @param call calls the handler and returns its stage, as {@link Subscriber#deliver} does
	 * @return completed normally once the call (and its stage) finished
	 */
	CompletableFuture<Void> submit(Event event, Supplier<CompletionStage<?>> call) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		synchronized (this) {
			this.inFlight++;
		}
		done.whenComplete((ignored, ex) -> finished());
		Runnable task = () -> {
			calling.set(this);
			try {
				CompletionStage<?> stage = call.get();
				if (stage == null) {
					done.complete(null);
				}
				else {
					stage.whenComplete((ignored, ex) -> done.complete(null));
				}
			}
			catch (RuntimeException ex) {
				// Subscriber isolates the handler; this is a failure of the bus itself
				logger.error("Call of handler {} on event '{}' failed", this.handler, LogSafety.safe(event.type()), ex);
				done.complete(null);
			}
			finally {
				calling.remove();
			}
		};
		try {
			lane(event).execute(task);
		}
		catch (RejectedExecutionException ex) {
			logger.warn("Handler {} did not take event '{}' (id {}): {}", this.handler, LogSafety.safe(event.type()),
					LogSafety.safe(event.id()), ex.getMessage());
			done.complete(null);
		}
		return done;
	}

	private ThreadPoolExecutor lane(Event event) {
		if (this.lanes.length == 1) {
			return this.lanes[0];
		}
		Object key;
		try {
			key = this.orderKey.apply(event);
		}
		catch (RuntimeException ex) {
			logger.warn("The order key of handler {} failed on event '{}'; it goes to the first lane", this.handler,
					LogSafety.safe(event.type()), ex);
			key = null;
		}
		return this.lanes[Math.floorMod(Objects.hashCode(key), this.lanes.length)];
	}

	private synchronized void finished() {
		if (--this.inFlight == 0) {
			notifyAll();
		}
	}

	/**
	 * Waits until no call is queued or running; for a pause, once nothing more is submitted.
	 * @param deadlineNanos until when to wait, in {@link System#nanoTime()}'s terms
	 * @return whether the lanes were idle in time; {@code false} at once on a lane's own thread, which
	 * cannot wait for itself
	 */
	synchronized boolean awaitIdle(long deadlineNanos) {
		if (calling.get() == this && this.inFlight > 0) {
			return false;
		}
		try {
			long left;
			while (this.inFlight > 0 && (left = deadlineNanos - System.nanoTime()) > 0) {
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.inFlight == 0;
	}

	/** Lets what the lanes hold finish, and takes nothing more. */
	void shutdown() {
		for (ThreadPoolExecutor lane : this.lanes) {
			lane.shutdown();
		}
	}
}
