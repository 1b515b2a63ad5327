package io.aiodistbus.distributed;

import java.util.ArrayDeque;

import io.aiodistbus.event.Event;

/**
 * Emits made while a client connects in the background, before its first connection: kept in order
 * up to a limit, and handed out once, by one flusher, after which the queue takes nothing more and
 * emits go straight out. A flusher that takes the last event closes the queue in the same step, so
 * no emit can slip in behind it and overtake what it flushed.
 */
final class PendingEmits {

	/** What became of an offered event. */
	enum Offer {

		/** Kept, to be sent once connected. */
		KEPT,

		/** Not kept: the queue holds its limit. */
		FULL,

		/** Not kept: the flush is over, send it now. */
		CLOSED
	}

	private final int limit;

	private final ArrayDeque<Event> events = new ArrayDeque<>();

	private boolean open = true;

	PendingEmits(int limit) {
		this.limit = limit;
	}

	synchronized Offer offer(Event event) {
		if (!this.open) {
			return Offer.CLOSED;
		}
		if (this.events.size() >= this.limit) {
			return Offer.FULL;
		}
		this.events.add(event);
		return Offer.KEPT;
	}

	/** @return the next event to flush, or {@code null} once none is left, which closes the queue */
	synchronized Event next() {
		Event event = this.events.poll();
		if (event == null) {
			this.open = false;
		}
		return event;
	}

	synchronized int size() {
		return this.events.size();
	}
}
