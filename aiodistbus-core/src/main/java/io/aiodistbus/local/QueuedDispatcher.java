package io.aiodistbus.local;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

import io.aiodistbus.event.Event;
import io.aiodistbus.internal.dispatch.Dispatch;
import io.aiodistbus.internal.dispatch.Subscriber;

/**
 * Delivers events on the calling thread, and queues an event that a handler emits while its thread
 * is delivering, until the event being delivered reached all its handlers, as Guava's
 * {@code PerThreadQueuedDispatcher} does. Delivering it at once, depth-first, would let the handlers
 * after the emitting one see the second event before the first, against the promise that one
 * thread's events reach each handler in emit order.
 * <p>
 * An emit that is not re-entrant costs one thread-local lookup and allocates nothing.
 */
final class QueuedDispatcher {

	private final ThreadLocal<Lane> lanes = ThreadLocal.withInitial(Lane::new);

	/**
	 * Delivers an event now, or queues it if this thread is already delivering.
	 * @param event the event
	 * @param subscribers who receives it, resolved when it was emitted
	 * @return a future for the asynchronous handlers' stages of this event and of every event queued
	 * while delivering it, or {@code null} when all are done or the event was queued
	 */
	CompletableFuture<Void> dispatch(Event event, Subscriber[] subscribers) {
		Lane lane = this.lanes.get();
		if (lane.delivering) {
			lane.queued.add(new Queued(event, subscribers));
			return null;
		}
		lane.delivering = true;
		try {
			CompletableFuture<Void> pending = Dispatch.deliver(event, subscribers);
			Queued next;
			while ((next = lane.queued.poll()) != null) {
				pending = both(pending, Dispatch.deliver(next.event(), next.subscribers()));
			}
			return pending;
		}
		finally {
			lane.delivering = false;
			// not empty only when an Error escaped a handler: what it queued goes with it, rather
			// than being delivered by an unrelated later emit
			lane.queued.clear();
		}
	}

	private static CompletableFuture<Void> both(CompletableFuture<Void> first, CompletableFuture<Void> second) {
		if (first == null) {
			return second;
		}
		return (second == null) ? first : CompletableFuture.allOf(first, second);
	}

	private static final class Lane {

		private boolean delivering;

		private final ArrayDeque<Queued> queued = new ArrayDeque<>();
	}

	private record Queued(Event event, Subscriber[] subscribers) {
	}
}
