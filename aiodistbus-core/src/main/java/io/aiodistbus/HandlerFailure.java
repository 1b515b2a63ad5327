package io.aiodistbus;

import java.util.Objects;

import io.aiodistbus.event.Event;

/**
 * One failed attempt of a handler, as a {@link BusErrorHandler} sees it.
 *
 * @param event the event the handler failed on
 * @param handler the handler as logs and observers name it, such as
 * {@code chatService.onMessage(ChatMessage)}
 * @param error what the handler threw, or what its stage completed with
 * @param attempt the number of the attempt that failed: 1 for the first delivery, 2 for the first
 * retry, and so on
 */
public record HandlerFailure(Event event, String handler, Throwable error, int attempt) {

	/**
	 * @param event the event the handler failed on
	 * @param handler the handler's description
	 * @param error the error
	 * @param attempt the attempt's number, at least 1
	 */
	public HandlerFailure {
		Objects.requireNonNull(event, "event must not be null");
		Objects.requireNonNull(handler, "handler must not be null");
		Objects.requireNonNull(error, "error must not be null");
		if (attempt < 1) {
			throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
		}
	}
}
