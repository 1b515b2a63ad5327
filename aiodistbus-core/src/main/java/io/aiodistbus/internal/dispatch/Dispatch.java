package io.aiodistbus.internal.dispatch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.aiodistbus.event.Event;

/**
 * Delivers one event to a list of subscribers on the calling thread, in list order.
 */
public final class Dispatch {

	private Dispatch() {
	}

	/**
	 * @param event the event
	 * @param subscribers who receives it
	 * @return a future for the asynchronous handlers' stages, or {@code null} when every handler
	 * already finished
	 */
	public static CompletableFuture<Void> deliver(Event event, Subscriber[] subscribers) {
		CompletableFuture<?>[] pending = null;
		int count = 0;
		for (Subscriber subscriber : subscribers) {
			CompletionStage<?> stage = subscriber.deliver(event);
			if (stage != null) {
				if (pending == null) {
					pending = new CompletableFuture<?>[subscribers.length];
				}
				pending[count++] = stage.toCompletableFuture();
			}
		}
		if (count == 0) {
			return null;
		}
		return (count == 1) ? pending[0].thenApply((ignored) -> null)
				: CompletableFuture.allOf(java.util.Arrays.copyOf(pending, count));
	}
}
