package io.aiodistbus.distributed;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.DropReason;
import io.aiodistbus.internal.wire.WireEvent;

/**
 * The queue between a client's socket reader and its handlers, and the thread that drains it. Bounded,
 * so a slow handler costs memory only up to the capacity; what happens beyond is the
 * {@link OverflowPolicy}. One queue keeps the order in which the broker published.
 */
final class Inbound {

	private static final Logger logger = LoggerFactory.getLogger(Inbound.class);

	private static final WireEvent STOP = new WireEvent("", null, null, "", "");

	// Reaching it tells drain() that every event queued before it was handled.
	private static final WireEvent DRAINED = new WireEvent("", null, null, "", "");

	private final BlockingQueue<WireEvent> queue;

	private final OverflowPolicy policy;

	private final Consumer<WireEvent> sink;

	private final DropCounters drops;

	private final DropLog dropLog;

	private final Thread thread;

	/**
	 * One latch per drain marker in the queue, in queue order: a marker left by a drain that timed out
	 * releases that drain's latch, not a later one's.
	 */
	private final Queue<CountDownLatch> drainWaiters = new ConcurrentLinkedQueue<>();

	Inbound(String name, int capacity, OverflowPolicy policy, Consumer<WireEvent> sink, DropCounters drops,
			DropLog dropLog) {
		this.queue = new ArrayBlockingQueue<>(capacity);
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
	void offer(WireEvent event, BooleanSupplier stopping) {
		if (this.queue.offer(event)) {
			return;
		}
		switch (this.policy) {
			case DROP_NEWEST -> dropped(event);
			case DROP_OLDEST -> {
				WireEvent oldest = this.queue.poll();
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

	private void dropped(WireEvent event) {
		this.drops.increment(DropReason.QUEUE_FULL);
		this.dropLog.dropped(DropReason.QUEUE_FULL, event.type(), "the handlers are behind by "
				+ this.queue.size() + " events (policy " + this.policy + ")");
	}

	int size() {
		return this.queue.size();
	}

	boolean isDispatchThread() {
		return Thread.currentThread() == this.thread;
	}

	private void run() {
		while (true) {
			WireEvent event;
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
				this.sink.accept(event);
			}
			catch (RuntimeException ex) {
				logger.error("Dispatch of event '{}' (id {}) failed", event.type(), event.id(), ex);
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
			return reached.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
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
