package io.aiodistbus.nats;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Lets the dispatcher thread deliver events or, once paused, only those that were queued when the pause
 * began, so that a graceful shutdown finishes the work already accepted and takes no more. The queue is
 * jnats's: the pause counts the messages it held and admits that many more, whatever becomes of them
 * (duplicates of overlapping subscriptions, types without handlers, bad frames count too).
 */
final class DeliveryGate {

	private boolean paused;

	private long allowed;

	/** Whether the message the dispatcher thread took last may reach the handlers; that thread's alone. */
	private boolean admitted = true;

	private boolean delivering;

	private Thread deliveringThread;

	/** Called by the dispatcher thread for every message it takes from jnats's queue. */
	synchronized void take() {
		if (!this.paused) {
			this.admitted = true;
			return;
		}
		this.admitted = this.allowed > 0;
		if (this.admitted) {
			this.allowed--;
		}
		notifyAll();
	}

	/**
	 * Called by the dispatcher thread before delivering the message it took (every event of a batch).
	 * @return whether to deliver it
	 */
	synchronized boolean enter() {
		if (!this.admitted) {
			return false;
		}
		this.delivering = true;
		this.deliveringThread = Thread.currentThread();
		return true;
	}

	/** Called by the dispatcher thread once the message's events reached their handlers. */
	synchronized void leave() {
		this.delivering = false;
		this.deliveringThread = null;
		notifyAll();
	}

	/**
	 * @param queued tells how many messages wait in jnats's queue now, still to be delivered; read under
	 * this gate's lock, so that no message is taken meanwhile
	 * @param timeout how long to wait for them and the running handler
	 * @return whether they finished in time
	 */
	synchronized boolean pause(LongSupplier queued, Duration timeout) {
		if (!this.paused) {
			this.paused = true;
			this.allowed = queued.getAsLong();
		}
		if (Thread.currentThread() == this.deliveringThread) {
			// a handler pausing its own entry point would wait for itself
			return false;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (this.delivering || this.allowed > 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				wait(Math.max(1, left / 1_000_000));
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	synchronized void resume() {
		this.paused = false;
		this.allowed = 0;
	}

	synchronized boolean isPaused() {
		return this.paused;
	}
}
