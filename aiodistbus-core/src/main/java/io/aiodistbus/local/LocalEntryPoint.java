package io.aiodistbus.local;

import java.util.concurrent.CompletableFuture;

import io.aiodistbus.EntryPointStateException;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.Event;
import io.aiodistbus.internal.dispatch.AbstractEntryPoint;
import io.aiodistbus.internal.dispatch.SerialExecutor;
import io.aiodistbus.internal.dispatch.Subscriber;

/**
 * An entry point to an in-process {@link EventBus}. Payloads are handed to handlers as the objects
 * that were emitted (converted only when a handler asks for another class), so they need not be
 * serializable. See {@link EventBus} for the threading model.
 */
public final class LocalEntryPoint extends AbstractEntryPoint {

	private volatile EventBus bus;

	private volatile boolean closed;

	private volatile SerialExecutor lane;

	/** Creates an entry point that names and converts payloads with the default codec. */
	public LocalEntryPoint() {
		this(PayloadCodec.shared());
	}

	/**
	 * @param codec names and converts payloads
	 */
	public LocalEntryPoint(PayloadCodec codec) {
		super(codec);
	}

	/**
	 * Connects to a bus; handlers registered before take effect now.
	 * @param eventBus the bus
	 * @throws EntryPointStateException if already connected or closed, or if the bus is closed
	 */
	public synchronized void connect(EventBus eventBus) {
		if (this.closed) {
			throw new EntryPointStateException("Cannot connect " + this + ": it is closed");
		}
		if (this.bus != null) {
			throw new EntryPointStateException("Cannot connect " + this + ": it is already connected");
		}
		eventBus.attach(this, subscribers());
		this.bus = eventBus;
	}

	/** @return whether {@link #connect(EventBus)} succeeded and the entry point is not closed */
	public boolean isConnected() {
		return this.bus != null && !this.closed;
	}

	@Override
	public boolean isClosed() {
		return this.closed;
	}

	@Override
	protected void attached(Subscriber subscriber) {
		EventBus current = this.bus;
		if (current != null) {
			current.table().add(subscriber);
		}
	}

	@Override
	protected void detached(Subscriber subscriber) {
		EventBus current = this.bus;
		if (current != null) {
			current.table().remove(subscriber);
		}
	}

	/** @return whether the reply answers one of this entry point's requests (then it is completed) */
	boolean replyArrived(Event reply) {
		return replyReceived(reply);
	}

	@Override
	protected boolean hasResponders(String type) {
		EventBus current = this.bus;
		return current != null && current.table().resolve(type).length > 0;
	}

	@Override
	protected void checkCanEmit(String type) {
		if (this.closed) {
			throw new EntryPointStateException("Cannot emit '" + type + "': " + this + " is closed");
		}
		if (this.bus == null) {
			throw new EntryPointStateException(
					"Cannot emit '" + type + "': " + this + " is not connected; call connect(bus) first");
		}
	}

	@Override
	protected void publish(Event event) {
		this.bus.publish(event);
	}

	@Override
	protected CompletableFuture<Event> publishAsync(Event event) {
		EventBus current = this.bus;
		CompletableFuture<Event> result = new CompletableFuture<>();
		lane(current).execute(() -> {
			try {
				CompletableFuture<Void> pending = current.deliver(event);
				if (pending == null) {
					result.complete(event);
				}
				else {
					pending.whenComplete((ignored, ex) -> result.complete(event));
				}
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	private SerialExecutor lane(EventBus current) {
		SerialExecutor result = this.lane;
		if (result == null) {
			synchronized (this) {
				result = this.lane;
				if (result == null) {
					result = new SerialExecutor(current.pool());
					this.lane = result;
				}
			}
		}
		return result;
	}

	/**
	 * Removes this entry point's handlers from the bus. Idempotent; also called by the bus when it
	 * closes.
	 */
	@Override
	public void close() {
		EventBus current;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			current = this.bus;
		}
		if (current != null) {
			current.detach(this);
		}
	}
}
