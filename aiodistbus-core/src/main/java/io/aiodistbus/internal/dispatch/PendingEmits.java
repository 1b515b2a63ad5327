package io.aiodistbus.internal.dispatch;

import java.util.ArrayDeque;
import java.util.function.Consumer;

import org.slf4j.Logger;

import io.aiodistbus.event.Event;

/**
 * Emits made while an entry point connects in the background, before its first connection: kept in
 * order up to a limit, and handed out once, by one flusher, after which the queue takes nothing more
 * and emits go straight out. The queue closes when the flusher finds it empty, under the same lock
 * as offers, so an emit is either kept and flushed after those before it, or refused and sent by its
 * emitter after the flush: none can overtake what was flushed. Shared by the transports whose
 * clients connect in the background (the ZeroMQ client, the NATS entry point).
 */
public final class PendingEmits {

	/** What became of an offered event. */
	public enum Offer {

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

	/**
	 * @param limit how many events to keep, at least 0
	 */
	public PendingEmits(int limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("pendingLimit must not be negative, was " + limit);
		}
		this.limit = limit;
	}

	/**
	 * @param event an emitted event
	 * @return whether it was kept, and if not, why
	 */
	public synchronized Offer offer(Event event) {
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
	private synchronized Event next() {
		Event event = this.events.poll();
		if (event == null) {
			this.open = false;
		}
		return event;
	}

	/**
	 * Sends the kept events in order, those offered meanwhile included, and closes the queue. Called once,
	 * when the first connection is up; logs what it sent, and each event whose sending failed (the others
	 * are still sent).
	 * @param send sends one event
	 * @param logger the entry point's logger
	 * @param owner the entry point, as log lines name it
	 * @return how many events were sent
	 */
	public int flush(Consumer<Event> send, Logger logger, Object owner) {
		int sent = 0;
		Event event;
		while ((event = next()) != null) {
			try {
				send.accept(event);
				sent++;
			}
			catch (RuntimeException ex) {
				logger.warn("{}: a pending emit of '{}' failed", owner, event.type(), ex);
			}
		}
		if (sent > 0) {
			logger.info("{} sent the {} emits that waited for its first connection", owner, sent);
		}
		return sent;
	}
}
