package io.aiodistbus.local;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.event.Event;
import io.aiodistbus.event.ReservedTopics;
import io.aiodistbus.internal.dispatch.GroupPicker;
import io.aiodistbus.internal.dispatch.HandlerTable;
import io.aiodistbus.internal.dispatch.LocalBusAccess;
import io.aiodistbus.internal.dispatch.Subscriber;

/**
 * The in-process event bus, an in-memory publish/subscribe hub with no network (the name is
 * Python aiodistbus's): every {@link LocalEntryPoint} connected to it receives the events any of
 * them emits, by type or wildcard pattern. Bridges to a broker are made by
 * {@code io.aiodistbus.bridge.Bridge}.
 *
 * <h2>Threading</h2>
 * {@link LocalEntryPoint#emit(String, Object) emit} runs the handlers on the emitting thread, one
 * after another, and then waits for the stages of asynchronous handlers. So an emit from one thread
 * reaches each handler in order, and a handler sees the effects of everything its emitter did before
 * emitting. {@link LocalEntryPoint#emitAsync(String, Object) emitAsync} hands the same work to a
 * small pool ({@value #POOL_SIZE} daemon threads, created on first use), through one ordered lane per
 * entry point. Handlers of one type may therefore run concurrently when several threads emit, and
 * must be thread-safe as with any listener.
 *
 * <h2>Emitting from a handler</h2>
 * An {@code emit} made by a handler on the thread that delivers to it is queued on that thread, and
 * delivered once the event being handled reached all its handlers, so emit order holds for events
 * that handlers emit too (Guava's default dispatcher does the same). Such an emit returns at once,
 * before its handlers ran: waiting for them would deadlock, or break the order. The outermost
 * {@code emit} (or {@code emitAsync}'s future) returns once its event and every event queued while
 * delivering it reached all their handlers, the stages of asynchronous handlers included. A handler
 * that needs an event's handlers to have run before it goes on should not emit from the handler:
 * {@code emitAsync} from a handler is not queued but goes to the pool as always.
 *
 * <h2>Closing</h2>
 * {@link #close()} delivers {@value ReservedTopics#CLOSE} to the handlers registered for it, closes
 * every connected entry point and stops the pool after the queued work. Closing the bus and its
 * entry points may happen in any order, any number of times.
 */
public class EventBus implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EventBus.class);

	static final int POOL_SIZE = 2;

	private static final AtomicInteger poolCount = new AtomicInteger();

	static {
		LocalBusAccess.register((bus) -> ((EventBus) bus).internals);
	}

	private final HandlerTable table = new HandlerTable();

	private final GroupPicker groups = new GroupPicker();

	private final QueuedDispatcher dispatcher = new QueuedDispatcher();

	private final Set<LocalEntryPoint> entryPoints = ConcurrentHashMap.newKeySet();

	private final Set<AutoCloseable> closedWith = ConcurrentHashMap.newKeySet();

	private final LocalBusAccess.LocalBus internals = new Internals();

	private volatile ExecutorService pool;

	private volatile boolean closed;

	/**
	 * Creates a connected entry point, a shortcut for {@code new LocalEntryPoint()} and
	 * {@link LocalEntryPoint#connect(EventBus)}.
	 * @return the entry point
	 */
	public LocalEntryPoint entryPoint() {
		LocalEntryPoint entryPoint = new LocalEntryPoint();
		entryPoint.connect(this);
		return entryPoint;
	}

	/** @return whether {@link #close()} was called */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Delivers an event to every matching handler on the calling thread, or, when the thread is
	 * delivering already, queues it until the current event reached all its handlers.
	 * @param event the event
	 * @return a future for asynchronous handlers, or {@code null} when all are done or the event was
	 * queued
	 */
	CompletableFuture<Void> deliver(Event event) {
		if (ReservedTopics.isReply(event.type())) {
			deliverReply(event);
			return null;
		}
		return this.dispatcher.dispatch(event, this.groups.perGroup(this.table.resolve(event.type())));
	}

	/** A reply goes to the entry point whose request it answers, which holds no handler for it. */
	private void deliverReply(Event reply) {
		for (LocalEntryPoint entryPoint : this.entryPoints) {
			if (entryPoint.replyArrived(reply)) {
				return;
			}
		}
	}

	/**
	 * Delivers an event emitted by a connected entry point, or relayed by a broker's
	 * {@code forward}, and returns once the handlers ran (at once when called by a handler: see
	 * "Emitting from a handler").
	 * @param event the event
	 */
	void publish(Event event) {
		if (this.closed) {
			return;
		}
		CompletableFuture<Void> pending = deliver(event);
		if (pending != null) {
			pending.join();
		}
	}

	synchronized void attach(LocalEntryPoint entryPoint, List<Subscriber> subscribers) {
		if (this.closed) {
			throw new io.aiodistbus.EntryPointStateException(
					"Cannot connect " + entryPoint + ": the event bus is closed");
		}
		this.entryPoints.add(entryPoint);
		subscribers.forEach(this.table::add);
	}

	void detach(LocalEntryPoint entryPoint) {
		this.entryPoints.remove(entryPoint);
		String owner = entryPoint.id();
		this.table.removeIf((subscriber) -> subscriber.ownerId().equals(owner));
	}

	HandlerTable table() {
		return this.table;
	}

	ExecutorService pool() {
		ExecutorService result = this.pool;
		if (result == null) {
			synchronized (this) {
				result = this.pool;
				if (result == null) {
					result = newPool();
					this.pool = result;
				}
			}
		}
		return result;
	}

	private static ExecutorService newPool() {
		int number = poolCount.incrementAndGet();
		AtomicInteger threads = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(POOL_SIZE, POOL_SIZE, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "aiodistbus-local-" + number + "-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/**
	 * Announces the close to handlers of {@value ReservedTopics#CLOSE}, closes every connected entry
	 * point and every bridge opened with {@code Bridge.forward}, {@code listen} or {@code link}, and
	 * stops the pool. Idempotent.
	 */
	@Override
	public void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		CompletableFuture<Void> pending = deliver(Event.of(ReservedTopics.CLOSE, null, null));
		if (pending != null) {
			pending.join();
		}
		for (LocalEntryPoint entryPoint : List.copyOf(this.entryPoints)) {
			entryPoint.close();
		}
		for (AutoCloseable resource : List.copyOf(this.closedWith)) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				logger.warn("{} failed to close", resource, ex);
			}
		}
		this.closedWith.clear();
		ExecutorService executor = this.pool;
		if (executor != null) {
			executor.shutdown();
		}
	}

	/** What the bridges and the broker may do with this bus; see {@link LocalBusAccess}. */
	private final class Internals implements LocalBusAccess.LocalBus {

		@Override
		public void publish(Event event) {
			EventBus.this.publish(event);
		}

		@Override
		public void closeWith(AutoCloseable resource) {
			if (EventBus.this.closed) {
				throw new io.aiodistbus.EntryPointStateException("Cannot close " + resource
						+ " with the event bus: it is closed");
			}
			EventBus.this.closedWith.add(resource);
		}

		@Override
		public boolean release(AutoCloseable resource) {
			return EventBus.this.closedWith.remove(resource);
		}

		@Override
		public List<AutoCloseable> closedWith() {
			return List.copyOf(EventBus.this.closedWith);
		}
	}
}
