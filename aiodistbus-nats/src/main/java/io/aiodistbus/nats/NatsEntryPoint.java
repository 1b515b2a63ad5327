package io.aiodistbus.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.DropReason;
import io.aiodistbus.EntryPointStateException;
import io.aiodistbus.ReplyHeaders;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.event.Event;
import io.aiodistbus.event.ReservedTopics;
import io.aiodistbus.internal.dispatch.AbstractEntryPoint;
import io.aiodistbus.internal.dispatch.Callbacks;
import io.aiodistbus.internal.dispatch.HandlerTable;
import io.aiodistbus.internal.dispatch.Observers;
import io.aiodistbus.internal.dispatch.Once;
import io.aiodistbus.internal.dispatch.PendingEmits;
import io.aiodistbus.internal.dispatch.SequenceTracker;
import io.aiodistbus.internal.dispatch.Subscriber;
import io.aiodistbus.internal.topic.TopicPattern;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;

/**
 * The {@link io.aiodistbus.EntryPoint} of the bus on NATS: a server or a cluster takes the broker's place,
 * and code written against {@code EntryPoint} runs unchanged.
 *
 * <h2>Subjects</h2>
 * An event of type {@code chat.message} is published on subject {@code <prefix>.chat.message}
 * ({@link NatsOptions#subjectPrefix()}); a handler's pattern becomes a subscription with NATS's token
 * wildcards ({@code chat.*} is {@code <prefix>.chat.>}, {@code a.*.c} is {@code <prefix>.a.*.c}, {@code *}
 * is {@code <prefix>.>}), which select exactly what the pattern matches. Reserved types
 * ({@code aiodistbus.eventbus.*}) still reach only handlers registered for them exactly, and cannot be
 * emitted: {@link #announceClose()} sends the one the bus uses, its close.
 *
 * <h2>Wire</h2>
 * Each event is one NATS message holding the native frame of the ZeroMQ bus: type, id, timestamp,
 * dtype, headers, the payload's own bytes, a CRC-32, and this entry point's id with a per-type sequence
 * number, so typed handlers, {@code RawPayload} and loss accounting work as on our broker.
 *
 * <h2>Consumer groups and requests</h2>
 * A handler in a consumer group subscribes in the NATS queue group of the group's name, so the server
 * hands each event to one member of the group (over every entry point and pattern of the group), and
 * this entry point to one of its own members in turn; those events are not in the loss accounting. A
 * request is published with its reply type's subject as NATS reply subject: when no subscription
 * matches the request, the server answers "no responders" there, which fails the request at once.
 *
 * <h2>Threads and order</h2>
 * {@code emit} encodes and hands the message to jnats on the calling thread and returns. One jnats
 * dispatcher thread runs the handlers, in the order the server sent the messages, which keeps each
 * publisher's order; a handler's own emit comes back through the server, after the event it handles.
 *
 * <h2>Connection and fail-over</h2>
 * {@link #connect()} returns once the subscriptions are live on the server connected to (a PING round
 * trip after subscribing); in a cluster, interest reaches the other nodes a moment later. When the
 * connection drops, the entry point is {@linkplain ConnectionState#DISRUPTED disrupted}: {@link #onDisrupt}
 * callbacks run, and jnats reconnects by itself, to any server of the cluster, resubscribing
 * ({@link ConnectionState#CONNECTING}, then {@link ConnectionState#CONNECTED}); with reconnect off, the
 * entry point closes. What was published while it was away is lost to it and counted from the sequence
 * numbers ({@link #stats()}).
 * <p>
 * {@link #connectInBackground(int)} returns at once instead, for an application that must start while
 * its servers are down: the entry point is {@link ConnectionState#CONNECTING} until a server answers,
 * however long that takes, and keeps the emits made until then, in order and up to a limit, to send
 * them once connected.
 *
 * <h2>Bad input</h2>
 * A message that is no valid native frame, or whose subject is not its type's, is dropped with one log line
 * and counted by reason, as are payloads that do not convert to a handler's class.
 */
public final class NatsEntryPoint extends AbstractEntryPoint {

	private static final Logger logger = LoggerFactory.getLogger(NatsEntryPoint.class);

	private static final AtomicInteger instances = new AtomicInteger();

	private final NatsOptions options;

	private final PayloadCodec codec;

	private final String name = "aiodistbus-nats-" + instances.incrementAndGet();

	private final Subjects subjects;

	private final HandlerTable table = new HandlerTable();

	private final DeliveryGate gate = new DeliveryGate();

	private final Incoming incoming;

	private final SubjectSubscriptions subscriptions;

	/** Subscribes to this entry point's replies before its first request; later requests wait for it. */
	private final Once repliesLive = new Once();

	private final Outgoing outgoing;

	private final SequenceTracker sequences = new SequenceTracker(logger, "Entry point " + this.name);

	private final Drops drops = new Drops("Entry point " + this.name);

	private final AtomicLong emitted = new AtomicLong();

	private final AtomicLong reconnects = new AtomicLong();

	private final AtomicLong slowConsumers = new AtomicLong();


	private final Callbacks<ConnectionState> stateListeners = new Callbacks<>(logger, "State listener");

	private final Callbacks<Void> disruptListeners = new Callbacks<>(logger, "Disrupt callback");

	/** Counted down by {@link #close()}, which ends the background connect's wait between two rounds. */
	private final CountDownLatch closing = new CountDownLatch(1);

	private volatile ConnectionState state = ConnectionState.NEW;

	private volatile Connection connection;

	private volatile Dispatcher dispatcher;

	private volatile boolean everConnected;

	/** Emits kept until the first connection while connecting in the background; {@code null} otherwise. */
	private volatile PendingEmits pendingEmits;

	/** The thread connecting in the background, until connected or closed; {@code null} otherwise. */
	private volatile Thread connector;

	/** Creates an entry point with the default options and the shared codec. */
	public NatsEntryPoint() {
		this(NatsOptions.defaults());
	}

	/**
	 * @param options the servers, subject prefix, credentials and limits
	 */
	public NatsEntryPoint(NatsOptions options) {
		this(options, PayloadCodec.shared());
	}

	/**
	 * @param options the servers, subject prefix, credentials and limits
	 * @param codec encodes and decodes payloads
	 */
	public NatsEntryPoint(NatsOptions options, PayloadCodec codec) {
		super(codec);
		this.options = options;
		this.codec = codec;
		this.subjects = new Subjects(options.subjectPrefix());
		this.incoming = new Incoming(this.subjects, this.table, this.gate, this.sequences, this.drops, codec,
				new IncomingOwner());
		this.subscriptions = new SubjectSubscriptions(this.gate::take, this.incoming::received);
		this.outgoing = new Outgoing(id(), this.subjects, (events, type) -> this.drops.dropped(DropReason.QUEUE_FULL,
				events, type, "jnats did not take a batch of " + events + " events"), this.name + "-flush");
		// the bus's close reaches every entry point, whether or not a handler asked for it
		this.subscriptions.add(this.subjects.subject(ReservedTopics.CLOSE), null);
	}

	@Override
	protected void payloadRejected() {
		this.drops.count(DropReason.PAYLOAD);
	}

	/**
	 * Connects to one of the options' servers and returns once the handlers' subscriptions are live there.
	 * @throws NatsConnectException if no server answers within the connect timeout; the entry point
	 * is then closed
	 * @throws EntryPointStateException if already connected or closed
	 */
	public void connect() {
		beginConnecting();
		Connection connected;
		try {
			connected = Nats.connect(jnatsOptions());
		}
		catch (IOException ex) {
			close();
			throw new NatsConnectException(this.options.servers(), this.options.connectTimeout(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
			throw new EntryPointStateException("Interrupted while connecting to " + this.options.servers());
		}
		if (!adopt(connected)) {
			throw new EntryPointStateException("Cannot connect " + this + ": it was closed while connecting");
		}
	}

	/**
	 * Starts connecting and returns at once, for an application that must start while its servers are
	 * down, as {@code DEntryPoint.connectInBackground} does: a thread of this entry point tries the
	 * options' servers, each once per round and a round every {@linkplain NatsOptions#reconnectWait()
	 * reconnect wait}, until one answers, however long that takes; the entry point is
	 * {@link ConnectionState#CONNECTING} until then. Emits made before the first connection are kept in
	 * order, up to {@code pendingLimit}, and sent once connected (before any later emit); beyond the limit
	 * they are dropped and counted as {@link DropReason#QUEUE_FULL}. Handlers registered before receive
	 * from the first connection on. {@link #close()} stops the attempts.
	 * @param pendingLimit how many emits to keep until the first connection, at least 0
	 * @throws EntryPointStateException if already connected or closed
	 */
	public void connectInBackground(int pendingLimit) {
		PendingEmits waiting = new PendingEmits(pendingLimit);
		synchronized (this) {
			beginConnecting();
			this.pendingEmits = waiting;
			logger.info("{} connects to NATS at {} in the background; up to {} emits wait for it", this,
					this.options.servers(), pendingLimit);
			Thread started = new Thread(this::connectUntilConnected, this.name + "-connect");
			started.setDaemon(true);
			this.connector = started;
			started.start();
		}
	}

	private void beginConnecting() {
		synchronized (this) {
			if (this.state != ConnectionState.NEW) {
				throw new EntryPointStateException("Cannot connect " + this + ": it is already " + this.state);
			}
			setState(ConnectionState.CONNECTING);
		}
	}

	private io.nats.client.Options jnatsOptions() {
		return ConnectionWatch.jnatsOptions(this.options, new ConnectionWatch(this, this::disconnected,
				this::reconnected, this::closedByJnats, this.slowConsumers::incrementAndGet));
	}

	/**
	 * The background connect: one jnats connect per round, which is what {@link #connect()} does, so the
	 * connection is the same. Not jnats' {@code Nats.connectAsynchronously}: nothing can stop its thread
	 * before its first report hands out the connection to close, and its retries (reconnect on connect)
	 * stop where reconnects do, after one round with reconnect off.
	 */
	private void connectUntilConnected() {
		io.nats.client.Options jnats = jnatsOptions();
		boolean warned = false;
		while (!isClosed()) {
			Connection connected;
			try {
				connected = Nats.connect(jnats);
			}
			catch (IOException ex) {
				if (!warned) {
					warned = true;
					logger.warn("{}: no NATS server of {} answers yet ({}); trying again every {} ms", this,
							this.options.servers(), ex.getMessage(), this.options.reconnectWait().toMillis());
				}
				if (awaitClosing(this.options.reconnectWait())) {
					return;
				}
				continue;
			}
			catch (InterruptedException ex) {
				return;
			}
			try {
				if (adopt(connected)) {
					// close() waits for this before it closes the connection, so these still go out
					this.pendingEmits.flush(this::sendEvent, logger, this);
					this.pendingEmits = null;
				}
			}
			catch (RuntimeException ex) {
				// the server went away as it was taken, and jnats closed the connection (reconnect off)
				logger.error("{}: could not use the connection to {}; closing", this, connected.getConnectedUrl(), ex);
				close();
			}
			return;
		}
	}

	/** @return whether the entry point closed within the timeout (or the thread was interrupted) */
	private boolean awaitClosing(Duration timeout) {
		try {
			return this.closing.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			return true;
		}
	}

	/**
	 * Makes a new connection this entry point's: emits go out on it and the handlers' subscriptions are
	 * proven live on it.
	 * @return {@code false} if the entry point was closed meanwhile; the connection is then closed too
	 */
	private boolean adopt(Connection connected) {
		synchronized (this) {
			if (this.state == ConnectionState.CLOSED) {
				closeQuietly(connected);
				return false;
			}
			this.connection = connected;
			this.outgoing.start(connected);
			Dispatcher created = connected.createDispatcher();
			// 0 bytes: no byte limit, only the count, as the ZeroMQ client's inbound capacity
			created.setPendingLimits(this.options.inboundCapacity(), 0);
			this.dispatcher = created;
			this.subscriptions.start(created);
		}
		proveLive(this.options.connectTimeout());
		this.everConnected = true;
		setState(ConnectionState.CONNECTED);
		logger.info("{} connected to NATS at {} (subjects under '{}.')", this, connected.getConnectedUrl(),
				this.subjects.prefix());
		return true;
	}

	/** A PING round trip: the server answers it after the subscriptions sent before it took effect. */
	private void proveLive(Duration timeout) {
		Connection current = this.connection;
		if (current == null) {
			return;
		}
		try {
			current.flush(timeout);
		}
		catch (TimeoutException ex) {
			logger.warn("{}: subscriptions not confirmed by the NATS server within {} ms", this, timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IllegalStateException ex) {
			// closed meanwhile, or reconnecting: jnats resubscribes when it is back
		}
	}

	/**
	 * Announces the close of the bus on this entry point's subject prefix, as the ZeroMQ broker does when
	 * it closes: every entry point on the prefix, this one included, delivers
	 * {@value ReservedTopics#CLOSE} to the handlers registered for it exactly, and closes. (On NATS no
	 * server speaks for the bus; restrict who may publish to {@code <prefix>.aiodistbus.eventbus.>} with
	 * the server's permissions.)
	 */
	public void announceClose() {
		checkConnected(ReservedTopics.CLOSE);
		publish(Event.emitted(ReservedTopics.CLOSE, null, this.codec::dtypeOf, null));
	}

	/**
	 * Stops delivering to the handlers while emits still work, the first step of a graceful shutdown, as
	 * {@code DEntryPoint.pauseDelivery} does: the events already queued and the one being handled are
	 * delivered; those that arrive later are not (their sequence numbers are still followed, so they do not
	 * count as lost later). Waits for that, for at most the timeout, and never interrupts a handler.
	 * @param timeout how long to wait for the handlers
	 * @return whether they finished in time ({@code false} when called from a handler)
	 */
	public boolean pauseDelivery(Duration timeout) {
		Dispatcher consumer = this.dispatcher;
		long deadline = System.nanoTime() + timeout.toNanos();
		logger.info("{}: stopped delivering; waiting up to {} ms for the running handlers and the queued events", this,
				timeout.toMillis());
		// the lanes of handlers with a concurrency above 1 take events only from the dispatcher thread: once
		// the gate let the last admitted one through, they get no more
		boolean finished = this.gate.pause(
				() -> (consumer != null && consumer.isActive()) ? consumer.getPendingMessageCount() : 0, timeout)
				&& awaitHandlerLanes(deadline);
		if (!finished) {
			logger.warn("{}: the handlers did not finish within {} ms; closing will stop them", this,
					timeout.toMillis());
		}
		return finished;
	}

	/** Delivers received events to the handlers again after {@link #pauseDelivery(Duration)}. */
	public void resumeDelivery() {
		this.gate.resume();
	}

	/** @return whether {@link #pauseDelivery(Duration)} was called and not followed by a resume */
	public boolean isDeliveryPaused() {
		return this.gate.isPaused();
	}

	/** @return the connection state */
	public ConnectionState state() {
		return this.state;
	}

	/** @return the options */
	public NatsOptions options() {
		return this.options;
	}

	/**
	 * Adds a listener of state changes; listeners run on a jnats thread, so keep them quick.
	 * @param listener called with each new state
	 */
	public void addStateListener(Consumer<ConnectionState> listener) {
		this.stateListeners.add(listener);
	}

	/**
	 * Adds a callback run when the connection to the server is lost, once per disruption.
	 * @param callback the callback
	 */
	public void onDisrupt(Runnable callback) {
		this.disruptListeners.add(callback);
	}

	/** @return a snapshot of the connection and counters */
	public NatsStats stats() {
		Connection current = this.connection;
		Dispatcher consumer = this.dispatcher;
		String server = (current != null && this.state == ConnectionState.CONNECTED) ? current.getConnectedUrl()
				: null;
		long queued = (consumer != null && consumer.isActive()) ? consumer.getPendingMessageCount() : 0;
		long refused = (consumer != null) ? consumer.getDroppedCount() : 0;
		return new NatsStats(this.state, server, this.emitted.get(), this.incoming.delivered(), this.reconnects.get(), queued,
				this.sequences.lost(), this.sequences.outOfOrder(), this.sequences.epochs(), this.slowConsumers.get(),
				this.drops.snapshot(refused));
	}

	@Override
	public boolean isClosed() {
		return this.state == ConnectionState.CLOSED;
	}

	@Override
	protected void attached(Subscriber subscriber) {
		this.table.add(subscriber);
		this.sequences.reset();
		this.subscriptions.add(this.subjects.subscription(subscriber.pattern()), subscriber.group());
	}

	@Override
	protected void afterAttached(Subscriber subscriber) {
		if (this.everConnected) {
			proveLive(this.options.connectTimeout());
		}
	}

	@Override
	protected void detached(Subscriber subscriber) {
		this.table.remove(subscriber);
		this.sequences.reset();
		this.subscriptions.remove(this.subjects.subscription(subscriber.pattern()), subscriber.group());
	}

	/**
	 * Subscribes to this entry point's replies before its first request, and proves the subscription
	 * live, so that no reply can come before it; later requests wait until it is.
	 */
	@Override
	protected void prepareReplies(String replyPrefix) {
		boolean live = this.repliesLive.run(() -> {
			this.subscriptions.add(this.subjects.subscription(TopicPattern.parse(replyPrefix + "*")), null);
			proveLive(this.options.connectTimeout());
		}, this.options.connectTimeout());
		if (!live) {
			logger.warn("{}: the subscription to replies was not proven live within {} ms", this,
					this.options.connectTimeout().toMillis());
		}
	}

	@Override
	protected void checkCanEmit(String type) {
		checkConnected(type);
		// replies are the one reserved kind an entry point sends: to the type its requester named
		if (ReservedTopics.isReserved(type) && !ReservedTopics.isReply(type)) {
			throw new IllegalArgumentException("Cannot emit '" + type + "': types under " + ReservedTopics.PREFIX
					+ " are reserved for the bus");
		}
	}

	private void checkConnected(String type) {
		if (this.state == ConnectionState.CLOSED) {
			throw new EntryPointStateException("Cannot emit '" + type + "': " + this + " is closed");
		}
		if (!this.everConnected && this.pendingEmits == null) {
			throw new EntryPointStateException("Cannot emit '" + type + "': " + this
					+ " is not connected; call connect() first");
		}
	}

	@Override
	protected void publish(Event event) {
		PendingEmits waiting = this.pendingEmits;
		if (waiting != null) {
			PendingEmits.Offer offer = waiting.offer(event);
			if (offer == PendingEmits.Offer.FULL) {
				this.drops.dropped(DropReason.QUEUE_FULL, event.type(),
						"not connected to NATS yet, and as many emits as allowed already wait for it");
			}
			if (offer != PendingEmits.Offer.CLOSED) {
				return;
			}
		}
		sendEvent(event);
	}

	private void sendEvent(Event event) {
		Object data = event.data();
		byte[] payload = this.codec.encode(data);
		String dtype = (event.dtype() != null) ? event.dtype() : this.codec.dtypeOf(data);
		String replyTo = event.headers().get(ReplyHeaders.REPLY_TO);
		// a NATS reply subject on a request makes the server answer at once when nobody subscribes
		String replySubject = (replyTo != null && isOwnReply(replyTo)) ? this.subjects.subject(replyTo) : null;
		try {
			this.outgoing.publish(event.type(), payload, dtype, event.id(), event.timestampText(), event.headers(),
					replySubject);
			this.emitted.incrementAndGet();
		}
		catch (IllegalArgumentException ex) {
			this.drops.count(DropReason.OVERSIZE);
			throw ex;
		}
		catch (IllegalStateException ex) {
			if (isClosed()) {
				throw new EntryPointStateException("Cannot emit '" + event.type() + "': " + this + " is closed");
			}
			this.drops.dropped(DropReason.QUEUE_FULL, event.type(), "jnats did not take it: " + ex.getMessage());
		}
	}

	@Override
	protected CompletableFuture<Event> publishAsync(Event event) {
		publish(event);
		return CompletableFuture.completedFuture(event);
	}

	private void setState(ConnectionState next) {
		synchronized (this) {
			// CLOSED is final: a late jnats event must not move a closed entry point back
			if (this.state == ConnectionState.CLOSED) {
				return;
			}
			this.state = next;
		}
		this.stateListeners.run(next);
	}

	/** From jnats, for every failed attempt too: one disruption until connected again. */
	private void disconnected() {
		if (this.state != ConnectionState.CONNECTED || !this.everConnected) {
			return;
		}
		logger.warn("{} lost its NATS server{}", this, this.options.reconnect() ? "; reconnecting" : "");
		setState(ConnectionState.DISRUPTED);
		this.disruptListeners.run(null);
		if (this.options.reconnect()) {
			setState(ConnectionState.CONNECTING);
		}
	}

	private void reconnected(String server) {
		this.reconnects.incrementAndGet();
		logger.info("{} reconnected to NATS at {}", this, server);
		setState(ConnectionState.CONNECTED);
	}

	/** Of this entry point's connection only: jnats closes each failed attempt of a connect too. */
	private void closedByJnats(Connection closed) {
		if (closed == this.connection && !isClosed()) {
			logger.warn("{}: jnats closed the connection (reconnect off or given up); closing", this);
			close();
		}
	}

	/**
	 * Flushes what was emitted (up to the close flush timeout) and closes the connection; while connecting
	 * in the background, stops the attempts (waiting up to the connect timeout for one under way).
	 * Idempotent.
	 */
	@Override
	public void close() {
		Connection current;
		synchronized (this) {
			if (this.state == ConnectionState.CLOSED) {
				return;
			}
			setState(ConnectionState.CLOSED);
			current = this.connection;
		}
		stopConnector();
		if (current == null) {
			return;
		}
		this.outgoing.close();
		if (!this.options.closeFlushTimeout().isZero() && current.getStatus() == Connection.Status.CONNECTED) {
			try {
				current.flush(this.options.closeFlushTimeout());
			}
			catch (TimeoutException | IllegalStateException ex) {
				logger.warn("{}: emitted events not confirmed by the server within {} ms of closing", this,
						this.options.closeFlushTimeout().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		closeQuietly(current);
	}

	/**
	 * Ends the background connect, if one runs, and waits for it: an attempt under way is left to end by
	 * itself, since jnats cleans up after an interrupted attempt only in part; once it has, the connector
	 * closes what it connected, or sends the emits that waited, which closing then flushes.
	 */
	private void stopConnector() {
		this.closing.countDown();
		Thread running = this.connector;
		if (running == null || running == Thread.currentThread()) {
			return;
		}
		try {
			running.join(this.options.connectTimeout().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (running.isAlive()) {
			logger.warn("{}: a connection attempt still runs; it ends within the connect timeout", this);
		}
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "NatsEntryPoint[" + this.name + ", " + id() + "]";
	}

	/** What {@link Incoming} needs of this entry point, some of it protected in its superclass. */
	private final class IncomingOwner implements Incoming.Owner {

		@Override
		public boolean isOwnReply(String type) {
			return NatsEntryPoint.this.isOwnReply(type);
		}

		@Override
		public void replyReceived(Event reply) {
			NatsEntryPoint.this.replyReceived(reply);
		}

		@Override
		public Observers observers() {
			return NatsEntryPoint.this.observers();
		}

		@Override
		public void closeAnnounced() {
			logger.info("{}: the bus on '{}.' announced its close", NatsEntryPoint.this,
					NatsEntryPoint.this.subjects.prefix());
			// not on this thread: closing stops the dispatcher whose thread this is
			Thread closer = new Thread(NatsEntryPoint.this::close, NatsEntryPoint.this.name + "-close");
			closer.setDaemon(true);
			closer.start();
		}
	}
}
