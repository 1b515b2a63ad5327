package io.aiodistbus.internal.dispatch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;

/**
 * Callbacks an entry point runs in turn, such as its state listeners and its disruption callbacks: one
 * that throws is logged and the next still runs.
 *
 * @param <T> what each is told
 */
public final class Callbacks<T> {

	private final Logger logger;

	private final String kind;

	private final List<Callback<T>> callbacks = new CopyOnWriteArrayList<>();

	/**
	 * @param logger the entry point's logger, where failures go
	 * @param kind what they are, for the log, such as "State listener"
	 */
	public Callbacks(Logger logger, String kind) {
		this.logger = logger;
		this.kind = kind;
	}

	/** @param callback told of each value */
	public void add(Consumer<? super T> callback) {
		this.callbacks.add(new Callback<>(callback, callback));
	}

	/** @param callback run at each value */
	public void add(Runnable callback) {
		this.callbacks.add(new Callback<>(callback, (value) -> callback.run()));
	}

	/** @param value what each callback is told, in the order they were added */
	public void run(T value) {
		for (Callback<T> callback : this.callbacks) {
			try {
				callback.action().accept(value);
			}
			catch (RuntimeException ex) {
				this.logger.warn("{} {} failed", this.kind, callback.added(), ex);
			}
		}
	}

	/** A callback as it was added, for the log, and how it is called. */
	private record Callback<T>(Object added, Consumer<? super T> action) {
	}
}
