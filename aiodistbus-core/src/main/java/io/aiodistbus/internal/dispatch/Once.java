package io.aiodistbus.internal.dispatch;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work that the first caller does and later callers wait for, such as subscribing to an entry point's
 * replies and proving the subscription live before its first request: a request that raced past it
 * could miss its reply.
 */
public final class Once {

	private final AtomicBoolean started = new AtomicBoolean();

	private final CompletableFuture<Void> done = new CompletableFuture<>();

	/**
	 * Does the work if nobody has started it, else waits for it.
	 * @param work what the first caller does
	 * @param timeout how long a later caller waits for it
	 * @return whether the work is done; {@code false} when a later caller's wait ran out or was interrupted
	 */
	public boolean run(Runnable work, Duration timeout) {
		if (this.done.isDone()) {
			return true;
		}
		if (this.started.compareAndSet(false, true)) {
			try {
				work.run();
			}
			finally {
				this.done.complete(null);
			}
			return true;
		}
		try {
			this.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (TimeoutException | ExecutionException ex) {
			return false;
		}
	}
}
