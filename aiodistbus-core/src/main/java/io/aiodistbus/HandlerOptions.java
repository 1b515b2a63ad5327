package io.aiodistbus;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.aiodistbus.event.Event;

/**
 * How one handler is called, beyond what its entry point does for every handler: its own
 * {@link BusErrorHandler}, and how many of its calls may run at once. Immutable; start from
 * {@link #defaults()}.
 * <pre class="code">
 * entryPoint.onAsync("orders.*", handler, "billing", HandlerOptions.defaults()
 * 	.withConcurrency(4)                                        // four calls at once
 * 	.withOrderKey((event) -&gt; event.headers().get("customer"))); // but one customer's events in order
 * </pre>
 *
 * <h2>Concurrency</h2>
 * With a concurrency of 1 (the default) the handler runs on the thread that delivers the event, as
 * every handler does. Above 1, the delivering thread hands the event to the handler's own lanes and
 * goes on to the next handler and event: up to {@code concurrency} calls run at once, on daemon
 * threads of the handler's own ({@code aiodistbus-handler-N}, created as needed and ended when idle for
 * a minute). Without an order key, events may be handled in any order. With one, events whose keys
 * are equal are handled one at a time in delivery order (each key has one lane; events of different
 * keys in one lane wait for each other). At most {@code queueCapacity} events wait per lane; when they
 * are full the delivering thread waits for room, so a slow handler slows its bus down rather than
 * filling memory (on the distributed bus the client's inbound queue then fills, and its overflow
 * policy applies). On the local bus a blocking {@code emit} still returns once the handler ran, so
 * concurrency pays there for {@code emitAsync} and for several emitting threads; on the distributed bus
 * the dispatch thread never waits for the call. A retry of a failed call runs on the retry pool,
 * outside the lanes.
 *
 * <h2>Consumer groups</h2>
 * A handler in a group ({@link #withGroup(String)}) competes with the other members of its group: each
 * event reaches one member of each group (round robin), while handlers without a group each get every
 * event. On the distributed bus the members may be in other processes, and the broker chooses.
 */
public final class HandlerOptions {

	/** The default {@link #queueCapacity()}: {@value}. */
	public static final int DEFAULT_QUEUE_CAPACITY = 1_000;

	private static final HandlerOptions DEFAULTS = new HandlerOptions(null, 1, DEFAULT_QUEUE_CAPACITY, null, null,
			null);

	/** Group names travel inside subscription topics, between '/' separators: no '/', no wildcards. */
	private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

	private final BusErrorHandler errorHandler;

	private final int concurrency;

	private final int queueCapacity;

	private final Function<? super Event, ?> orderKey;

	private final String group;

	private final ThreadFactory threadFactory;

	private HandlerOptions(BusErrorHandler errorHandler, int concurrency, int queueCapacity,
			Function<? super Event, ?> orderKey, String group, ThreadFactory threadFactory) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
		}
		if (queueCapacity < 1) {
			throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
		}
		this.errorHandler = errorHandler;
		this.concurrency = concurrency;
		this.queueCapacity = queueCapacity;
		this.orderKey = orderKey;
		this.group = group;
		this.threadFactory = threadFactory;
	}

	/** @return the entry point's error handler, concurrency 1, no order key */
	public static HandlerOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * @param errorHandler decides what follows the handler's failures; {@code null} for the entry
	 * point's
	 * @return a copy with that error handler
	 */
	public HandlerOptions withErrorHandler(BusErrorHandler errorHandler) {
		return new HandlerOptions(errorHandler, this.concurrency, this.queueCapacity, this.orderKey, this.group,
				this.threadFactory);
	}

	/**
	 * @param concurrency how many calls of the handler may run at once, at least 1
	 * @return a copy with that concurrency
	 */
	public HandlerOptions withConcurrency(int concurrency) {
		return new HandlerOptions(this.errorHandler, concurrency, this.queueCapacity, this.orderKey, this.group,
				this.threadFactory);
	}

	/**
	 * @param queueCapacity how many events may wait per lane, at least 1
	 * @return a copy with that capacity
	 */
	public HandlerOptions withQueueCapacity(int queueCapacity) {
		return new HandlerOptions(this.errorHandler, this.concurrency, queueCapacity, this.orderKey, this.group,
				this.threadFactory);
	}

	/**
	 * @param orderKey gives the key whose events must be handled in order, such as a customer id (a
	 * {@code null} key is a key too); called on the delivering thread, so it must be quick
	 * @return a copy that keeps the order of each key's events
	 */
	public HandlerOptions withOrderKey(Function<? super Event, ?> orderKey) {
		return new HandlerOptions(this.errorHandler, this.concurrency, this.queueCapacity,
				Objects.requireNonNull(orderKey, "orderKey must not be null"), this.group, this.threadFactory);
	}

	/**
	 * Puts the handler in a consumer group: every event of its type reaches one member of the group
	 * (the handlers of that name on this and, on the distributed bus, other entry points), round robin.
	 * @param group the group's name: 1 to 64 letters, digits, {@code _}, {@code -} or {@code .}; {@code null}
	 * for no group (every event)
	 * @return a copy in that group
	 * @throws IllegalArgumentException if the name has other characters
	 */
	public HandlerOptions withGroup(String group) {
		return new HandlerOptions(this.errorHandler, this.concurrency, this.queueCapacity, this.orderKey,
				checkGroup(group), this.threadFactory);
	}

	/**
	 * Makes the threads of a handler with a concurrency above 1, such as virtual threads
	 * ({@code Thread.ofVirtual().factory()} on Java 21 and later), which Spring Boot sets when
	 * {@code spring.threads.virtual.enabled} is true.
	 * @param threadFactory makes the handler's threads; {@code null} for daemon platform threads
	 * @return a copy with that factory
	 */
	public HandlerOptions withThreadFactory(ThreadFactory threadFactory) {
		return new HandlerOptions(this.errorHandler, this.concurrency, this.queueCapacity, this.orderKey, this.group,
				threadFactory);
	}

	/** @return what makes the handler's threads, {@code null} for daemon platform threads */
	public ThreadFactory threadFactory() {
		return this.threadFactory;
	}

	/**
	 * @param group a group name, or {@code null}
	 * @return the name, if valid
	 * @throws IllegalArgumentException if it is not a valid group name
	 */
	public static String checkGroup(String group) {
		if (group != null && !GROUP_NAME.matcher(group).matches()) {
			throw new IllegalArgumentException("group must be 1 to 64 letters, digits, '_', '-' or '.', was '"
					+ group + "'");
		}
		return group;
	}

	/** @return the handler's own error handler, {@code null} for the entry point's */
	public BusErrorHandler errorHandler() {
		return this.errorHandler;
	}

	/** @return how many calls may run at once */
	public int concurrency() {
		return this.concurrency;
	}

	/** @return how many events may wait per lane */
	public int queueCapacity() {
		return this.queueCapacity;
	}

	/** @return the consumer group, {@code null} when the handler gets every event */
	public String group() {
		return this.group;
	}

	/** @return the order key, {@code null} when events may be handled in any order */
	public Function<? super Event, ?> orderKey() {
		return this.orderKey;
	}

	@Override
	public String toString() {
		return "HandlerOptions[concurrency " + this.concurrency + ", queue " + this.queueCapacity
				+ ((this.orderKey != null) ? ", ordered by key" : "")
				+ ((this.group != null) ? ", group " + this.group : "")
				+ ((this.errorHandler != null) ? ", error handler " + this.errorHandler : "") + "]";
	}
}
