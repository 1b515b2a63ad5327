package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.DropReason;
import io.aiodistbus.EntryPointStateException;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.Event;
import io.aiodistbus.event.ReservedTopics;
import io.aiodistbus.internal.dispatch.AbstractEntryPoint;
import io.aiodistbus.internal.dispatch.Callbacks;
import io.aiodistbus.internal.dispatch.Dispatch;
import io.aiodistbus.internal.dispatch.GroupPicker;
import io.aiodistbus.internal.dispatch.HandlerTable;
import io.aiodistbus.internal.dispatch.Once;
import io.aiodistbus.internal.dispatch.PendingEmits;
import io.aiodistbus.internal.dispatch.SequenceTracker;
import io.aiodistbus.internal.dispatch.Subscriber;
import io.aiodistbus.internal.wire.WireEvent;

/**
 * A client of a {@link DEventBus} broker: the {@link io.aiodistbus.EntryPoint} of the distributed
 * bus (the name is Python aiodistbus's), with the same API as the local entry point.
 *
 * <h2>Connecting</h2>
 * {@link #connect(String, int, Duration)} handshakes with the broker and returns only once events
 * published after it returns are sure to arrive (see {@link ClientIo} for how that is proven). A handler
 * registered after connecting is live when {@code on} returns. Emitting before connecting throws.
 *
 * <h2>Threads and order</h2>
 * Each client has an I/O thread that reads and checks every message, and a dispatch thread that runs
 * the handlers, so a slow handler never stops the socket reader. With
 * {@link ClientOptions#inlineDispatch()} an event that arrives alone, while no other is queued or
 * handled, runs on the I/O thread itself as long as the handlers have been quick, which saves a thread
 * hand-off of latency; a handler that then blocks holds up the reads (and the heartbeat) until it
 * returns, and sends events through the queue until the handlers were quick a few times again. One
 * event is handled at a time, and
 * events reach each handler in the order the broker published them, which keeps each publisher's
 * order. {@code emit} encodes on the calling thread and returns once the event is queued for sending.
 *
 * <h2>Heartbeat and reconnection</h2>
 * Every {@code pulseCheckInterval} the client checks that a broker pulse arrived; after more than
 * {@code pulseLimit} failed checks, when the connection drops, or when the broker announces its close,
 * the client is {@linkplain ConnectionState#DISRUPTED disrupted}: {@link #onDisrupt} callbacks run,
 * and then, with reconnect on (the default), it handshakes again with backoff, keeping its handlers;
 * with reconnect off it closes, as Python's client does.
 *
 * <h2>Shutdown</h2>
 * {@link #pauseDelivery(Duration)} stops handing received events to the handlers and waits for the
 * running ones, while emits still go out, as a message listener container stops consuming before
 * the application drains its requests; {@link #close()} comes last.
 *
 * <h2>Consumer groups and replies</h2>
 * A handler in a consumer group does not subscribe to its pattern: it subscribes to a member topic of
 * its own ({@value ReservedTopics#MEMBER_PREFIX}{@code <id>/<group>/<pattern>/}), which tells our broker
 * that this client is a member; the broker then sends it the events it chose this client for, and the
 * client hands each to one of its handlers of that group (round robin). Events that arrive as usual go
 * to the handlers without a group only. Routed events are not counted in the loss accounting: a member
 * sees a part of each publisher's sequence, which is no loss. A Python broker routes nothing, so there
 * grouped handlers get no event (logged at WARN on connecting). The first
 * {@link #request request} subscribes to this client's reply types and proves the subscription live.
 *
 * <h2>Bad input</h2>
 * Messages with the wrong frame count, checksum, encoding or JSON, and payloads that do not decode to
 * a handler's class, are dropped with one log line and counted (see {@link #stats()}); the client keeps
 * serving.
 */
public final class DEntryPoint extends AbstractEntryPoint {

	private static final Logger logger = LoggerFactory.getLogger(DEntryPoint.class);

	private static final AtomicInteger instances = new AtomicInteger();

	/**
	 * Per payload class, whether its first distributed emit was checked for a dtype that is only its
	 * Java class name; a class value, so that later emits pay one lookup and no lock.
	 */
	private static final ClassValue<AtomicBoolean> dtypeChecked = new ClassValue<>() {
		@Override
		protected AtomicBoolean computeValue(Class<?> type) {
			return new AtomicBoolean();
		}
	};

	private final ClientOptions options;

	private final PayloadCodec codec;

	private final String name = "aiodistbus-client-" + instances.incrementAndGet();

	private final HandlerTable table = new HandlerTable();

	private final GroupPicker groups = new GroupPicker();

	/**
	 * Subscribes the reply prefix and proves it live before the first request, which waits for it (as do
	 * any made meanwhile); it stays subscribed across reconnects, as the SUB socket keeps it.
	 */
	private final Once repliesLive = new Once();

	/** Whether the warning that a Python broker routes nothing to grouped handlers was logged. */
	private final AtomicBoolean warnedNoGroups = new AtomicBoolean();

	private final SequenceTracker sequences = new SequenceTracker(logger, "Client " + this.name);

	private final DropCounters drops = new DropCounters();

	private final DropLog dropLog = new DropLog(logger, "Client " + this.name);

	private final AtomicLong emitted = new AtomicLong();

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong reconnects = new AtomicLong();

	private final Callbacks<ConnectionState> stateListeners = new Callbacks<>(logger, "State listener");

	private final Callbacks<Void> disruptListeners = new Callbacks<>(logger, "Disrupt callback");

	private volatile ConnectionState state = ConnectionState.NEW;

	private volatile ClientIo io;

	private volatile Inbound<Object> inbound;

	private volatile String endpoint;

	private volatile boolean everConnected;

	private volatile boolean paused;

	/** Emits kept until the first connection, while connecting in the background; {@code null} otherwise. */
	private volatile PendingEmits pendingEmits;

	/** Creates a client with the default options and the shared codec. */
	public DEntryPoint() {
		this(ClientOptions.defaults());
	}

	/**
	 * @param options how to connect and watch the broker
	 */
	public DEntryPoint(ClientOptions options) {
		this(options, PayloadCodec.shared());
	}

	/**
	 * @param options how to connect and watch the broker
	 * @param codec encodes and decodes payloads
	 */
	public DEntryPoint(ClientOptions options, PayloadCodec codec) {
		super(codec);
		this.options = options;
		this.codec = codec;
	}

	@Override
	protected void payloadRejected() {
		this.drops.increment(DropReason.PAYLOAD);
	}

	/**
	 * Connects with the options' connect timeout.
	 * @param host the broker's address
	 * @param port the broker's handshake port
	 * @throws ConnectTimeoutException if the broker does not answer in time
	 */
	public void connect(String host, int port) {
		connect(host, port, this.options.connectTimeout());
	}

	/**
	 * Handshakes with the broker and returns once the subscription path is proven live.
	 * @param host the broker's address
	 * @param port the broker's handshake port
	 * @param timeout how long to wait
	 * @throws ConnectTimeoutException if the broker does not answer in time; the client is then closed
	 * @throws EntryPointStateException if already connected or closed
	 */
	public void connect(String host, int port, Duration timeout) {
		ClientIo started = startIo(host, port);
		boolean connected;
		try {
			connected = started.awaitConnected(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
			throw new EntryPointStateException("Interrupted while connecting to " + this.endpoint);
		}
		if (!connected) {
			String stage = started.stage();
			close();
			throw new ConnectTimeoutException(this.endpoint, timeout, stage, this.options.security() != null);
		}
		logger.info("{} connected to the broker at {}{}", this, this.endpoint,
				(this.options.security() != null) ? " with CURVE" : "");
	}

	/**
	 * Starts connecting and returns at once, for an application that must start while its broker is
	 * down: the client handshakes every half second until the broker answers, however long that takes,
	 * and is {@link ConnectionState#CONNECTING} until then. Emits made before the first connection are
	 * kept in order, up to {@code pendingLimit}, and sent once connected (before any later emit); beyond
	 * the limit they are dropped and counted as {@link DropReason#QUEUE_FULL}. Handlers registered before
	 * receive from the first connection on.
	 * @param host the broker's address
	 * @param port the broker's handshake port
	 * @param pendingLimit how many emits to keep until the first connection, at least 0
	 * @throws EntryPointStateException if already connected or closed
	 */
	public void connectInBackground(String host, int port, int pendingLimit) {
		PendingEmits waiting = new PendingEmits(pendingLimit);
		synchronized (this) {
			// set before the I/O thread can report the connection that flushes it
			if (this.state == ConnectionState.NEW) {
				this.pendingEmits = waiting;
			}
		}
		startIo(host, port);
		logger.info("{} connects to the broker at {} in the background; up to {} emits wait for it", this,
				this.endpoint, pendingLimit);
	}

	private ClientIo startIo(String host, int port) {
		ClientIo started;
		synchronized (this) {
			if (this.state == ConnectionState.CLOSED) {
				throw new EntryPointStateException("Cannot connect " + this + ": it is closed");
			}
			if (this.state != ConnectionState.NEW) {
				throw new EntryPointStateException("Cannot connect " + this + ": it is already " + this.state);
			}
			this.endpoint = Sockets.hostAndPort(host, port);
			List<String> prefixes = new ArrayList<>();
			for (Subscriber subscriber : subscribers()) {
				prefixes.add(subscriptionOf(subscriber));
			}
			this.inbound = new Inbound<>(this.name + "-dispatch", this.options.inboundCapacity(),
					this.options.overflowPolicy(), this::dispatch, this.drops, this.dropLog,
					this.options.inlineDispatch(), System::nanoTime);
			started = new ClientIo(id(), host, port, this.options, prefixes, new IoListener(), this.drops,
					this.dropLog, this.name + "-io");
			this.io = started;
			setState(ConnectionState.CONNECTING);
			started.start();
		}
		return started;
	}

	/**
	 * Stops delivering to the handlers while emits still work, for the first step of a graceful
	 * shutdown: events that arrive from now on are not queued for the handlers (their sequence
	 * numbers are still followed, so they do not count as lost later), while the events already
	 * queued and the one being handled are delivered, and the calls queued on the lanes of handlers with
	 * a concurrency above 1 are made. Waits for that, for at most the timeout, and never interrupts a
	 * handler. The handlers stay registered and the client connected.
	 * @param timeout how long to wait for the handlers
	 * @return whether the handlers finished in time ({@code false} when called from a handler)
	 * @see #resumeDelivery()
	 */
	public boolean pauseDelivery(Duration timeout) {
		this.paused = true;
		Inbound<Object> queue = this.inbound;
		if (queue == null || isClosed()) {
			return true;
		}
		logger.info("{} stopped delivering events to its handlers (emits still go out); waiting up to {} ms "
				+ "for the running handlers and {} queued events", this, timeout.toMillis(), queue.size());
		long deadline = System.nanoTime() + timeout.toNanos();
		// the lanes take events only from the dispatch thread: once it drained, they get no more
		boolean finished = queue.drain(timeout.toMillis()) && awaitHandlerLanes(deadline);
		if (!finished) {
			logger.warn("{}: the handlers did not finish within {} ms; closing the client will interrupt them",
					this, timeout.toMillis());
		}
		return finished;
	}

	/** @return whether {@link #pauseDelivery(Duration)} was called and not followed by a resume */
	public boolean isDeliveryPaused() {
		return this.paused;
	}

	/** Delivers received events to the handlers again after {@link #pauseDelivery(Duration)}. */
	public void resumeDelivery() {
		if (this.paused) {
			this.paused = false;
			logger.info("{} delivers events to its handlers again", this);
		}
	}

	/**
	 * @return the wire format of the current connection: {@link WireFormat#NATIVE} once our broker
	 * accepted it, {@link WireFormat#PYTHON} on a Python broker, when the options ask for it, and
	 * until a connection is made
	 */
	public WireFormat wireFormat() {
		ClientIo current = this.io;
		return (current != null) ? current.wireFormat() : WireFormat.PYTHON;
	}

	/** @return the connection state */
	public ConnectionState state() {
		return this.state;
	}

	/**
	 * Adds a listener of state changes. Listeners run on the client's I/O thread: keep them quick.
	 * @param listener called with each new state
	 */
	public void addStateListener(Consumer<ConnectionState> listener) {
		this.stateListeners.add(listener);
	}

	/**
	 * Adds a callback run when the connection to the broker is lost (Python's {@code on_disrupt}):
	 * missed pulses, a dropped connection or the broker's close; called once per disruption.
	 * @param callback the callback
	 */
	public void onDisrupt(Runnable callback) {
		this.disruptListeners.add(callback);
	}

	/** @return a snapshot of the connection and counters */
	public ClientStats stats() {
		ClientIo current = this.io;
		Inbound<Object> queue = this.inbound;
		OptionalLong lastPulse = (current != null) ? current.lastPulseNanos() : OptionalLong.empty();
		Duration age = lastPulse.isPresent() ? Duration.ofNanos(System.nanoTime() - lastPulse.getAsLong()) : null;
		return new ClientStats(this.state, this.endpoint, this.emitted.get(), this.received.get(),
				(current != null) ? current.pulses() : 0, age, (current != null) ? current.missedPulses() : 0,
				this.reconnects.get(), (queue != null) ? queue.size() : 0, this.sequences.lost(),
				this.sequences.outOfOrder(), this.sequences.epochs(), this.drops.snapshot());
	}

	@Override
	public boolean isClosed() {
		return this.state == ConnectionState.CLOSED;
	}

	@Override
	protected void attached(Subscriber subscriber) {
		this.table.add(subscriber);
		this.sequences.reset();
	}

	@Override
	protected void afterAttached(Subscriber subscriber) {
		ClientIo current = this.io;
		if (current == null) {
			return;
		}
		awaitLive(current, subscriptionOf(subscriber), subscriber.pattern().text());
	}

	private void awaitLive(ClientIo current, String topic, String what) {
		CompletableFuture<Void> live = current.subscribe(topic);
		try {
			live.get(this.options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			logger.warn("{}: subscription to '{}' not proven live within {} ms", this, what,
					this.options.connectTimeout().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (java.util.concurrent.ExecutionException ex) {
			logger.warn("{}: subscription to '{}' failed", this, what, ex.getCause());
		}
	}

	/**
	 * @return what the SUB socket subscribes to for a handler: its pattern's prefix, or for a handler in
	 * a group the member topic that makes the broker route to this client
	 */
	private String subscriptionOf(Subscriber subscriber) {
		if (subscriber.group() == null) {
			return subscriber.pattern().subscriptionPrefix();
		}
		return ReservedTopics.MEMBER_PREFIX + id() + "/" + subscriber.group() + "/" + subscriber.pattern().text() + "/";
	}

	@Override
	protected void prepareReplies(String replyPrefix) {
		ClientIo current = this.io;
		if (current != null) {
			// a wait that runs out was logged by awaitLive; the request goes out and may time out
			this.repliesLive.run(() -> awaitLive(current, replyPrefix, replyPrefix + "*"),
					this.options.connectTimeout());
		}
	}

	@Override
	protected void detached(Subscriber subscriber) {
		this.table.remove(subscriber);
		this.sequences.reset();
		ClientIo current = this.io;
		if (current != null) {
			current.unsubscribe(subscriptionOf(subscriber));
		}
	}

	@Override
	protected void checkCanEmit(String type) {
		ConnectionState current = this.state;
		if (current == ConnectionState.CLOSED) {
			throw new EntryPointStateException("Cannot emit '" + type + "': " + this + " is closed");
		}
		if (!this.everConnected && this.pendingEmits == null) {
			throw new EntryPointStateException("Cannot emit '" + type + "': " + this
					+ " is not connected; call connect(host, port) first");
		}
	}

	@Override
	protected void publish(Event event) {
		PendingEmits waiting = this.pendingEmits;
		if (waiting != null) {
			PendingEmits.Offer offer = waiting.offer(event);
			if (offer == PendingEmits.Offer.KEPT) {
				return;
			}
			if (offer == PendingEmits.Offer.FULL) {
				this.drops.increment(DropReason.QUEUE_FULL);
				this.dropLog.dropped(DropReason.QUEUE_FULL, event.type(),
						"not connected to the broker yet, and as many emits as allowed already wait for it");
				return;
			}
		}
		send(event);
	}

	/**
	 * Sends the emits kept while connecting in the background, on a thread of its own so that the I/O
	 * thread that reported the connection goes on reading.
	 */
	private void flushPendingEmits() {
		PendingEmits waiting = this.pendingEmits;
		if (waiting == null) {
			return;
		}
		logger.info("{} connected to the broker at {}", this, this.endpoint);
		Thread flusher = new Thread(() -> {
			waiting.flush(this::send, logger, this);
			this.pendingEmits = null;
		}, this.name + "-pending");
		flusher.setDaemon(true);
		flusher.start();
	}

	private void send(Event event) {
		Object data = event.data();
		byte[] payload = this.codec.encode(data);
		String dtype = (event.dtype() != null) ? event.dtype() : this.codec.dtypeOf(data);
		if (data != null) {
			checkDtype(data.getClass(), dtype);
		}
		byte[] topic = event.type().getBytes(StandardCharsets.UTF_8);
		if (this.io.send(event.type(), topic, payload, dtype, event.id(), event.timestampText(), event.headers())) {
			this.emitted.incrementAndGet();
		}
		else {
			this.drops.increment(DropReason.QUEUE_FULL);
			this.dropLog.dropped(DropReason.QUEUE_FULL, event.type(),
					"the outgoing queue is full (push high-water mark " + this.options.pushHighWaterMark() + ")");
		}
	}

	@Override
	protected CompletableFuture<Event> publishAsync(Event event) {
		publish(event);
		return CompletableFuture.completedFuture(event);
	}

	/**
	 * Warns once per class when a payload goes out under its Java class name: Python peers cannot
	 * import it, and a Python broker that forwards to a local bus fails on it.
	 */
	private static void checkDtype(Class<?> type, String dtype) {
		AtomicBoolean checked = dtypeChecked.get(type);
		if (!checked.get() && checked.compareAndSet(false, true) && dtype.equals(type.getName())) {
			logger.warn("Payload class {} has no @BusEvent(dtype = ...), so it goes on the wire under its Java "
					+ "class name, which Python peers cannot import (a Python broker that forwards to a local bus "
					+ "fails on it); annotate it with @BusEvent(dtype = \"module.ClassName\") naming the Python "
					+ "class (logged once per class)", type.getName());
		}
	}

	private void dispatch(Object item) {
		WireEvent wire;
		Subscriber[] subscribers;
		if (item instanceof RoutedEvent routed) {
			wire = routed.event();
			Subscriber chosen = this.groups.oneOf(this.table.resolve(wire.type()), routed.group());
			subscribers = (chosen != null) ? new Subscriber[] { chosen } : new Subscriber[0];
		}
		else {
			wire = (WireEvent) item;
			subscribers = GroupPicker.ungrouped(this.table.resolve(wire.type()));
		}
		if (subscribers.length == 0) {
			return;
		}
		Event event;
		try {
			event = wire.toEvent(this.codec);
		}
		catch (io.aiodistbus.internal.wire.WireFormatException ex) {
			this.drops.increment(DropReason.PAYLOAD);
			this.dropLog.dropped(DropReason.PAYLOAD, wire.type(), ex.getMessage());
			return;
		}
		this.received.incrementAndGet();
		if (!observers().isEmpty()) {
			observers().received(event);
		}
		Dispatch.deliver(event, subscribers);
	}

	/** A broker that speaks Python's format routes nothing: grouped handlers would wait in vain. */
	private void warnIfGrouped() {
		List<String> grouped = new ArrayList<>();
		for (Subscriber subscriber : subscribers()) {
			if (subscriber.group() != null) {
				grouped.add(subscriber.description() + " (group " + subscriber.group() + ")");
			}
		}
		if (!grouped.isEmpty() && this.warnedNoGroups.compareAndSet(false, true)) {
			logger.warn("{} speaks Python's wire format with the broker at {}, which routes no events to consumer "
					+ "groups: these handlers get nothing, and replies to requests do not arrive: {}", this, this.endpoint,
					grouped);
		}
	}

	private void setState(ConnectionState next) {
		synchronized (this) {
			// CLOSED is final: the I/O thread must not move a client that close() marked closed back
			// to CONNECTING or CONNECTED
			if (this.state == ConnectionState.CLOSED) {
				return;
			}
			this.state = next;
		}
		this.stateListeners.run(next);
	}

	/**
	 * Lets the handlers finish queued events, flushes what was emitted (up to the close flush timeout)
	 * and closes every socket and thread. Idempotent.
	 */
	@Override
	public void close() {
		ClientIo currentIo;
		Inbound<Object> currentInbound;
		synchronized (this) {
			if (this.state == ConnectionState.CLOSED) {
				return;
			}
			setState(ConnectionState.CLOSED);
			currentIo = this.io;
			currentInbound = this.inbound;
		}
		if (currentIo != null) {
			currentIo.close();
		}
		if (currentInbound != null) {
			currentInbound.close(this.options.closeFlushTimeout().toMillis() + 1_000);
		}
	}

	@Override
	public String toString() {
		return "DEntryPoint[" + this.name + ", " + id() + "]";
	}

	private final class IoListener implements ClientIo.Listener {

		@Override
		public void received(WireEvent event) {
			if (isOwnReply(event.type())) {
				replyReceived(event.toEvent(DEntryPoint.this.codec));
				return;
			}
			Inbound<Object> queue = DEntryPoint.this.inbound;
			if (GroupPicker.hasMember(DEntryPoint.this.table.resolve(event.type()), null)) {
				DEntryPoint.this.sequences.seen(event.source(), event.type(), event.sequence());
				if (!DEntryPoint.this.paused) {
					queue.offer(event, DEntryPoint.this::isClosed);
				}
			}
		}

		@Override
		public void routed(String group, WireEvent event) {
			// not in the loss accounting: a member gets a part of each publisher's sequence
			if (!DEntryPoint.this.paused && GroupPicker.hasMember(DEntryPoint.this.table.resolve(event.type()), group)) {
				DEntryPoint.this.inbound.offer(new RoutedEvent(group, event), DEntryPoint.this::isClosed);
			}
		}

		@Override
		public void connected(boolean reconnected) {
			if (wireFormat() == WireFormat.PYTHON) {
				warnIfGrouped();
			}
			if (reconnected) {
				DEntryPoint.this.reconnects.incrementAndGet();
				logger.info("{} reconnected to the broker at {}", DEntryPoint.this, DEntryPoint.this.endpoint);
			}
			DEntryPoint.this.everConnected = true;
			setState(ConnectionState.CONNECTED);
			if (!reconnected) {
				flushPendingEmits();
			}
		}

		@Override
		public void disrupted(String reason) {
			logger.warn("{} lost the broker at {}: {}", DEntryPoint.this, DEntryPoint.this.endpoint, reason);
			setState(ConnectionState.DISRUPTED);
			DEntryPoint.this.disruptListeners.run(null);
			if (DEntryPoint.this.options.reconnect()) {
				setState(ConnectionState.CONNECTING);
			}
			else {
				close();
			}
		}

		@Override
		public void brokerClosed(WireEvent event) {
			received(event);
		}

		@Override
		public void refused(int events, String type) {
			// their emits counted them as sent
			DEntryPoint.this.emitted.addAndGet(-events);
			DEntryPoint.this.drops.add(DropReason.QUEUE_FULL, events);
			DEntryPoint.this.dropLog.dropped(DropReason.QUEUE_FULL, type, "the outgoing queue is full (push high-water "
					+ "mark " + DEntryPoint.this.options.pushHighWaterMark() + "): a batch of " + events + " events");
		}

		@Override
		public void failed(String reason) {
			logger.error("{} closes: {}", DEntryPoint.this, reason);
			close();
		}
	}
}
