package io.aiodistbus.distributed;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.DropReason;
import io.aiodistbus.internal.wire.WireEvent;

/**
 * The queue between a client's socket reader and its handlers, and the thread that drains it. Bounded,
 * so a slow handler costs memory only up to the capacity; what happens beyond is the
 * {@link OverflowPolicy}. One queue keeps the order in which the broker published.
 *
 * <h2>Running a sparse event on the reader's thread</h2>
 * Handing an event to the dispatch thread costs a wake-up, which on two cores is most of a round
 * trip's latency. When inline runs are allowed, an event that arrives alone (more than
 * {@link #SPARSE_GAP_NANOS} after the one before) while nothing is queued or being handled runs on
 * the reader's thread itself, as long as the last {@link #QUICK_RUNS} runs each took at most
 * {@link #SLOW_NANOS}: handlers that have shown themselves quick may hold up socket reads for about
 * that long, a handler that turns slow does so once, and then events go through the queue until the
 * handlers were quick that many times again. Events that come close together always go through the
 * queue, so under load the reader keeps reading while the handlers run. Either way one event is
 * handled at a time, in queue order.
 * <p>
 * What it queues is a {@link WireEvent}, or a {@link RoutedEvent} for a client's consumer groups.
 *
 * @param <E> what it queues
 */
final class Inbound<E> {

	/** An event that follows the one before by more than this arrived alone. */
	static final long SPARSE_GAP_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

	/** A run longer than this is slow. */
	static final long SLOW_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

	/** How many quick runs in a row, and none slow, allow inline runs. */
	static final int QUICK_RUNS = 16;

	private static final Logger logger = LoggerFactory.getLogger(Inbound.class);

	private static final Object STOP = new Object();

	// Reaching it tells drain() that every event queued before it was handled.
	private static final Object DRAINED = new Object();

	private final BlockingQueue<Object> queue;

	private final OverflowPolicy policy;

	private final Consumer<? super E> sink;

	private final DropCounters drops;

	private final DropLog dropLog;

	private final Thread thread;

	private final boolean inlineRuns;

	private final LongSupplier clock;

	/** Events queued or being handled by the dispatch thread; raised by the reader only. */
	private final AtomicLong pending = new AtomicLong();

	/** The reader's thread while it runs an event itself, else {@code null}. */
	private volatile Thread inlineThread;

	private final Object inlineLock = new Object();

	/** When the reader queued or ran the last event; reader only. */
	private long lastOfferNanos;

	/** Quick runs since the last slow one; written by whichever thread just ran an event. */
	private volatile int quickRuns;

	/**
	 * One latch per drain marker in the queue, in queue order: a marker left by a drain that timed out
	 * releases that drain's latch, not a later one's.
	 */
	private final Queue<CountDownLatch> drainWaiters = new ConcurrentLinkedQueue<>();

	/**
	 * @param name the dispatch thread's name
	 * @param capacity the most events queued
	 * @param policy what to do when the queue is full
	 * @param sink handles an event
	 * @param drops counts dropped events
	 * @param dropLog logs them
	 * @param inlineRuns whether a sparse event may run on the reader's thread (see above)
	 * @param clock the time in nanoseconds, as {@link System#nanoTime()} tells it
	 */
	Inbound(String name, int capacity, OverflowPolicy policy, Consumer<? super E> sink, DropCounters drops,
			DropLog dropLog, boolean inlineRuns, LongSupplier clock) {
		this.inlineRuns = inlineRuns;
		this.clock = clock;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.lastOfferNanos = clock.getAsLong();
		this.policy = policy;
		this.sink = sink;
		this.drops = drops;
		this.dropLog = dropLog;
		this.thread = new Thread(this::run, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Queues an event; called by the socket reader only.
	 * @param event the event
	 * @param stopping tells a blocked reader to give up
	 */
	void offer(E event, BooleanSupplier stopping) {
		if (this.inlineRuns) {
			long now = this.clock.getAsLong();
			boolean sparse = now - this.lastOfferNanos > SPARSE_GAP_NANOS;
			this.lastOfferNanos = now;
			if (sparse && this.pending.get() == 0 && this.quickRuns >= QUICK_RUNS) {
				runInline(event);
				return;
			}
		}
		this.pending.incrementAndGet();
		if (this.queue.offer(event)) {
			return;
		}
		switch (this.policy) {
			case DROP_NEWEST -> dropped(event);
			case DROP_OLDEST -> {
				Object oldest = this.queue.poll();
				if (oldest == DRAINED) {
					// A drain waits for that marker: it goes back (later is still correct for the drain),
					// and the new event gives way instead.
					this.queue.offer(DRAINED);
					dropped(event);
					return;
				}
				if (oldest != null) {
					dropped(oldest);
				}
				if (!this.queue.offer(event)) {
					dropped(event);
				}
			}
			case BLOCK -> {
				// Checked before each wait: once stopping, the rest of the reader's batch must not wait too.
				try {
					while (!stopping.getAsBoolean()) {
						if (this.queue.offer(event, 100, TimeUnit.MILLISECONDS)) {
							return;
						}
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				dropped(event);
			}
		}
	}

	/** Runs an event on the reader's thread; nothing is queued or being handled meanwhile. */
	private void runInline(E event) {
		synchronized (this.inlineLock) {
			this.inlineThread = Thread.currentThread();
		}
		try {
			handle(event);
		}
		finally {
			synchronized (this.inlineLock) {
				this.inlineThread = null;
				this.inlineLock.notifyAll();
			}
		}
	}

	/** Hands an event to the sink, timing it where inline runs depend on that; never throws. */
	private void handle(Object event) {
		long start = this.inlineRuns ? this.clock.getAsLong() : 0L;
		try {
			accept(event);
		}
		catch (RuntimeException ex) {
			logger.error("Dispatch of event '{}' (id {}) failed", eventOf(event).type(), eventOf(event).id(), ex);
		}
		finally {
			if (this.inlineRuns) {
				timed(this.clock.getAsLong() - start);
			}
		}
	}

	/** Called by the one thread running events at the time: the reader inline, or the dispatch thread. */
	private void timed(long tookNanos) {
		if (tookNanos > SLOW_NANOS) {
			this.quickRuns = 0;
		}
		else if (this.quickRuns < QUICK_RUNS) {
			this.quickRuns++;
		}
	}

	private static WireEvent eventOf(Object item) {
		return (item instanceof RoutedEvent routed) ? routed.event() : (WireEvent) item;
	}

	private void dropped(Object event) {
		this.pending.decrementAndGet();
		this.drops.increment(DropReason.QUEUE_FULL);
		this.dropLog.dropped(DropReason.QUEUE_FULL, eventOf(event).type(), "the handlers are behind by "
				+ this.queue.size() + " events (policy " + this.policy + ")");
	}

	@SuppressWarnings("unchecked") // only offer() puts anything but the markers in the queue
	private void accept(Object event) {
		this.sink.accept((E) event);
	}

	int size() {
		return this.queue.size();
	}

	/** @return whether the caller is running a handler: on the dispatch thread, or inline on the reader's */
	boolean isDispatchThread() {
		Thread current = Thread.currentThread();
		return current == this.thread || current == this.inlineThread;
	}

	private void run() {
		while (true) {
			Object event;
			try {
				event = this.queue.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			if (event == STOP) {
				return;
			}
			if (event == DRAINED) {
				this.drainWaiters.remove().countDown();
				continue;
			}
			try {
				handle(event);
			}
			finally {
				this.pending.decrementAndGet();
			}
		}
	}

	/**
	 * Waits until the handlers finished every event queued now, the one being handled included; the
	 * caller has stopped queuing. Does not stop the thread, and never interrupts a handler.
	 * @param timeoutMillis how long to wait
	 * @return whether the handlers finished in time; {@code false} when called from a handler, which
	 * cannot wait for itself
	 */
	synchronized boolean drain(long timeoutMillis) {
		if (isDispatchThread()) {
			return false;
		}
		CountDownLatch reached = new CountDownLatch(1);
		this.drainWaiters.add(reached);
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		try {
			if (!this.queue.offer(DRAINED, timeoutMillis, TimeUnit.MILLISECONDS)) {
				this.drainWaiters.remove(reached);
				return false;
			}
			return reached.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS) && inlineFinished(deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Waits for an event the reader is running itself, if any, until the deadline. */
	private boolean inlineFinished(long deadline) throws InterruptedException {
		synchronized (this.inlineLock) {
			while (this.inlineThread != null) {
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (left <= 0) {
					return false;
				}
				this.inlineLock.wait(left);
			}
			return true;
		}
	}

	/**
	 * Lets the handlers finish what is queued, then stops the thread.
	 * @param timeoutMillis how long to wait for that
	 */
	void close(long timeoutMillis) {
		boolean queued = false;
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		try {
			queued = this.queue.offer(STOP, timeoutMillis, TimeUnit.MILLISECONDS);
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (!isDispatchThread() && left > 0) {
				this.thread.join(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (!queued || this.thread.isAlive() && !isDispatchThread()) {
			// A handler that never returns must not keep the thread, nor the application, alive.
			this.queue.clear();
			this.queue.offer(STOP);
			this.thread.interrupt();
		}
	}
}
