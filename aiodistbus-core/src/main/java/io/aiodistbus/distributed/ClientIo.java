package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.DropReason;
import io.aiodistbus.event.Event;
import io.aiodistbus.event.EventIds;
import io.aiodistbus.event.ReservedTopics;
import io.aiodistbus.internal.wire.Crc32s;
import io.aiodistbus.internal.wire.EventJson;
import io.aiodistbus.internal.wire.NativeBatch;
import io.aiodistbus.internal.wire.NativeFrame;
import io.aiodistbus.internal.wire.NativeRouted;
import io.aiodistbus.internal.wire.Outbox;
import io.aiodistbus.internal.wire.WireEvent;
import io.aiodistbus.internal.wire.WireFormatException;

/**
 * A client's sockets and the one I/O thread that owns its DEALER and SUB: the handshake, the proof that
 * the subscription path is live, the heartbeat watch, reconnection, and reading events.
 *
 * <h2>Proving the subscription path</h2>
 * ZeroMQ forwards a SUB socket's subscriptions to the publisher asynchronously, so a finished handshake
 * does not mean events reach the client yet. The client therefore subscribes to a topic of its own,
 * {@code aiodistbus.eventbus.probe.<client id>.<n>}, after its other subscriptions. A publisher applies
 * one subscriber's subscriptions in order, so once that one is applied every earlier one is too, and
 * the proof never puts anything on the broker's publish socket, where Python peers would see it:
 * <ul>
 * <li>Our broker's XPUB socket sees the probe subscription arrive and answers on the handshake socket
 * with the probe topic. That is the proof, for the connection and for every {@code on()} after it.</li>
 * <li>A Python broker's PUB tells nobody about subscriptions. Until the broker has answered a probe,
 * the client also pushes a probe as an {@value ReservedTopics#PULSE} event stamped with the client's
 * id, which a Python broker relays and which comes back on the pulse subscription. Pulse is one of the
 * two topics Python's wildcard handlers never get, so a Python {@code on("*")} does not see it (a
 * Python client counts it as one more heartbeat of a broker that is indeed alive). It proves the path
 * and the subscriptions sent when the SUB socket connected; a subscription added later on a Python
 * broker is given that one round trip through the broker, which is all a Python broker offers. Our
 * broker discards such pulses without relaying them.</li>
 * </ul>
 * Pulses that carry a client's id are never counted as the broker's heartbeat and reach no handler.
 * A probe unanswered for {@value #PROBE_RENEW_MS} ms is renewed under a new topic, so an answer lost
 * with a dropped connection does not stall it.
 *
 * <h2>Wire format</h2>
 * With {@link WireFormat#NATIVE} preferred, every handshake request is preceded by
 * {@value ReservedTopics#NATIVE_OFFER}. Our broker answers it before it answers the handshake; a
 * Python broker ignores it. So when the handshake answer arrives the client knows, without waiting any
 * longer, which format this broker speaks, and only then connects its SUB socket: to P+3 for the
 * native format, to P+1 for Python's. Until a handshake has settled it (after a disruption too), the
 * client pushes in Python's format, which every broker reads.
 *
 * <h2>Outgoing events</h2>
 * Emitting threads send on the PUSH socket themselves, one at a time under a lock, which saves a
 * thread hand-off per event. In the native format a burst of emits goes out in batches instead
 * ({@link Outbox}), whose flusher thread sends under the same lock. JeroMQ shields its internal
 * signalling from thread interrupts, and the PUSH socket is only ever read by ZeroMQ itself, so no
 * socket is used by two threads at once. Our broker announces its message size limit with its answer
 * to the native offer, and batches stay within it.
 */
final class ClientIo {

	private static final Logger logger = LoggerFactory.getLogger(ClientIo.class);

	private static final byte[] PULSE_TOPIC = ReservedTopics.PULSE.getBytes(StandardCharsets.US_ASCII);

	private static final long PROBE_RESEND_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	static final int PROBE_RENEW_MS = 1_000;

	private static final long PROBE_RENEW_NANOS = TimeUnit.MILLISECONDS.toNanos(PROBE_RENEW_MS);

	private static final long BACKOFF_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final long BACKOFF_MAX_NANOS = TimeUnit.SECONDS.toNanos(5);

	/** JeroMQ reports a retry within milliseconds of a connection error; this leaves it ample time. */
	private static final long REARM_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** What the I/O thread reports; called on the I/O thread, so it must be quick. */
	interface Listener {

		void received(WireEvent event);

		/** An event the broker chose this client's member of a consumer group for. */
		void routed(String group, WireEvent event);

		void connected(boolean reconnected);

		void disrupted(String reason);

		void brokerClosed(WireEvent event);

		/** The socket refused a batch of emitted events, after their emits returned; called under the push lock. */
		void refused(int events, String type);

		/** ZeroMQ's I/O thread died: the sockets are dead and the client cannot go on. */
		void failed(String reason);
	}

	private final String clientId;

	private final ClientOptions options;

	private final Listener listener;

	private final DropCounters drops;

	private final DropLog dropLog;

	private final ZContext context = Sockets.context(this::ioThreadDied);

	private final ZMQ.Socket dealer;

	private final ZMQ.Socket subscriber;

	private final Link[] links;

	private final Object pushLock = new Object();

	private final Outbox outbox;

	private final Map<String, long[]> sequences = new HashMap<>();

	/** The start of the member topics of this client's grouped handlers. */
	private final String memberPrefix;

	/** Reads the events of routed messages; I/O thread only. */
	private final NativeFrame.Checker routedChecker = new NativeFrame.Checker();

	private ZMQ.Socket push;

	private final String pythonEndpoint;

	private final String nativeEndpoint;

	/** Whether the broker of the current connection accepted the native format; I/O thread only. */
	private boolean offerAccepted;

	/** The format pushes use now: native only once this connection's handshake said so. */
	private volatile boolean nativeFormat;

	private final Thread thread;

	private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final AtomicLong pulses = new AtomicLong();

	private volatile long lastPulseNanos;

	private volatile boolean pulsedSinceConnect;

	private volatile Throwable ioFailure;

	private volatile int missedPulses;

	private volatile boolean stopping;

	private volatile boolean handshaken;

	private volatile boolean connected;

	private volatile boolean refusedByBroker;

	private boolean everConnected;

	/** Outstanding subscription probes by topic. */
	private final Map<String, Probe> probes = new HashMap<>();

	private long probeCount;

	/** Whether the broker answers probe subscriptions itself (ours) rather than relaying pushed probes. */
	private boolean brokerAnswersProbes;

	private long nextProbeSend;

	private long nextHandshakeSend;

	private long backoffNanos = BACKOFF_MIN_NANOS;

	private long pulsesAtLastCheck;

	private long nextPulseCheck;

	private final CompletableFuture<Void> firstConnection = new CompletableFuture<>();

	ClientIo(String clientId, String host, int port, ClientOptions options, List<String> prefixes,
			Listener listener, DropCounters drops, DropLog dropLog, String threadName) {
		this.clientId = clientId;
		this.memberPrefix = ReservedTopics.MEMBER_PREFIX + clientId + "/";
		this.options = options;
		this.listener = listener;
		this.drops = drops;
		this.dropLog = dropLog;
		Engine.FrameAllocator allocator = new Engine.FrameAllocator(options.maxMessageSize(), drops, dropLog);
		// Batches of other clients' small events arrive as one message: a smaller limit would drop them.
		Engine.FrameAllocator subscriberAllocator = new Engine.FrameAllocator(
				Math.max(options.maxMessageSize(), Outbox.MAX_BATCH_BYTES), drops, dropLog);
		try {
			this.dealer = Sockets.client(this.context, SocketType.DEALER, host, options, allocator);
			this.dealer.setIdentity(clientId.getBytes(StandardCharsets.UTF_8));
			this.dealer.setSndHWM(16);
			this.subscriber = Sockets.client(this.context, SocketType.SUB, host, options, subscriberAllocator);
			// batches count as one message each: a sixteenth keeps the memory of this queue, which comes on
			// top of the inbound queue's own
			this.subscriber.setRcvHWM(Sockets.batchedHighWaterMark(options.inboundCapacity()));
			this.push = Sockets.client(this.context, SocketType.PUSH, host, options, allocator);
			this.push.setSndHWM(options.pushHighWaterMark());
			// A burst beyond the high-water mark waits briefly for the socket to drain, then is dropped.
			this.push.setSendTimeOut((int) Math.min(Integer.MAX_VALUE, options.sendTimeout().toMillis()));
			this.pythonEndpoint = Sockets.tcp(host, port + 1);
			this.nativeEndpoint = Sockets.tcp(host, port + 3);
			// the subscriber connects once the handshake tells which of the two it is
			this.links = new Link[] { new Link(this.context, this.dealer, Sockets.tcp(host, port), threadName + "-0"),
					new Link(this.context, this.subscriber, null, threadName + "-1"),
					new Link(this.context, this.push, Sockets.tcp(host, port + 2), threadName + "-2") };
			this.subscriber.subscribe(ReservedTopics.PULSE);
			this.subscriber.subscribe(ReservedTopics.CLOSE);
			for (String prefix : prefixes) {
				this.subscriber.subscribe(prefix);
			}
			for (Link link : this.links) {
				if (link.endpoint != null) {
					link.socket.connect(link.endpoint);
				}
			}
		}
		catch (RuntimeException ex) {
			this.context.close();
			throw ex;
		}
		this.outbox = new Outbox(this.pushLock, this::push, listener::refused, threadName + "-flush",
				System::nanoTime);
		this.outbox.limit(options.maxMessageSize());
		this.thread = new Thread(new Loop(), threadName);
		this.thread.setDaemon(true);
	}

	void start() {
		this.outbox.start();
		long now = System.nanoTime();
		this.nextHandshakeSend = now;
		this.nextPulseCheck = now + this.options.pulseCheckInterval().toNanos();
		this.thread.start();
	}

	private void ioThreadDied(Thread thread, Throwable error) {
		this.ioFailure = error;
		logger.error("Client {}: ZeroMQ's I/O thread {} died; the client closes", this.clientId, thread.getName(),
				error);
	}

	/** Waits for the first handshake and subscription proof. */
	boolean awaitConnected(long timeoutMillis) throws InterruptedException {
		try {
			this.firstConnection.get(timeoutMillis, TimeUnit.MILLISECONDS);
			return true;
		}
		catch (java.util.concurrent.TimeoutException ex) {
			return false;
		}
		catch (java.util.concurrent.ExecutionException ex) {
			return false;
		}
	}

	/** @return what the client was still waiting for, for a timeout message */
	String stage() {
		if (this.ioFailure != null) {
			return "ZeroMQ's I/O thread died (" + this.ioFailure + ")";
		}
		if (this.handshaken) {
			return "handshake answered, but the broker never proved the subscriptions live";
		}
		return this.refusedByBroker ? "the broker refused this client's CURVE key" : "no handshake answer";
	}

	/**
	 * Stamps an event with this client's id and its next sequence number for the type, and sends it;
	 * called by emitting threads. Numbering under the send lock keeps the numbers in sending order, so
	 * receivers see no false disorder; a message ZeroMQ refuses has used its number and shows up as
	 * lost, which it is. An event too large to send takes no number.
	 * @return {@code false} if ZeroMQ's queue is full or the client closed
	 * @throws IllegalArgumentException if a frame of the event exceeds the maximum message size
	 */
	boolean send(String type, byte[] topic, byte[] payload, String dtype, String id, String timestamp,
			Map<String, String> headers) {
		synchronized (this.pushLock) {
			// a reply type is used once: numbering it would keep an entry per request answered, for nothing,
			// as nobody counts the loss of replies
			long[] sequence = ReservedTopics.isReply(type) ? new long[1]
					: this.sequences.computeIfAbsent(type, (key) -> new long[1]);
			boolean inNative = this.nativeFormat;
			byte[] json = inNative
					? NativeFrame.write(topic, payload, dtype, id, timestamp, this.clientId, sequence[0] + 1, headers)
					: EventJson.write(type, payload, dtype, id, timestamp, this.clientId, sequence[0] + 1, headers);
			long max = this.options.maxMessageSize();
			// the JSON (or the native frame) holds the type, so it is the larger frame
			if (json.length > max) {
				// The broker would drop the connection, and whatever else was on its way with it.
				this.drops.increment(DropReason.OVERSIZE);
				throw new IllegalArgumentException("Cannot emit '" + type + "': the event is "
						+ json.length + " bytes on the wire, more than the maximum message size of "
						+ max + " bytes (ClientOptions.withMaxMessageSize; the broker's limit applies too)");
			}
			sequence[0]++;
			if (inNative) {
				return this.push != null && this.outbox.offer(topic, json);
			}
			return send(new byte[][] { topic, json, Crc32s.checksum(json) });
		}
	}

	/** Sends one native message (an event or a batch); under the push lock. */
	private boolean push(byte[] message) {
		ZMQ.Socket socket = this.push;
		return socket != null && socket.send(message, 0);
	}

	/** @return the format pushes use now */
	WireFormat wireFormat() {
		return this.nativeFormat ? WireFormat.NATIVE : WireFormat.PYTHON;
	}

	/**
	 * Sends an event's frames as they are.
	 * @return {@code false} if ZeroMQ's queue is full or the client closed
	 */
	boolean send(byte[][] frames) {
		synchronized (this.pushLock) {
			ZMQ.Socket socket = this.push;
			if (socket == null) {
				return false;
			}
			// a batch collected before the format changed goes first
			this.outbox.flush();
			if (!socket.send(frames[0], ZMQ.SNDMORE)) {
				return false;
			}
			socket.send(frames[1], ZMQ.SNDMORE);
			socket.send(frames[2], 0);
			return true;
		}
	}

	/**
	 * Subscribes the SUB socket to a prefix.
	 * @return completed once the subscription is proven live (at once when not connected)
	 */
	CompletableFuture<Void> subscribe(String prefix) {
		CompletableFuture<Void> live = new CompletableFuture<>();
		command(() -> {
			this.subscriber.subscribe(prefix);
			if (this.connected) {
				startProbe(live);
			}
			else {
				live.complete(null);
			}
		});
		return live;
	}

	void unsubscribe(String prefix) {
		command(() -> this.subscriber.unsubscribe(prefix));
	}

	/** Queues work for the I/O thread, which runs it within its longest wait. */
	private void command(Runnable command) {
		this.commands.add(command);
	}

	long pulses() {
		return this.pulses.get();
	}

	/** @return when the last pulse since the client (re)connected arrived, empty if none did */
	OptionalLong lastPulseNanos() {
		return this.pulsedSinceConnect ? OptionalLong.of(this.lastPulseNanos) : OptionalLong.empty();
	}

	int missedPulses() {
		return this.missedPulses;
	}

	/** Subscribes to a new probe topic after every other subscription and waits for its proof. */
	private void startProbe(CompletableFuture<Void> live) {
		String topic = ReservedTopics.PROBE_PREFIX + this.clientId + "." + (++this.probeCount);
		this.subscriber.subscribe(topic);
		long now = System.nanoTime();
		this.probes.put(topic, new Probe(topic, EventIds.next(), now, live));
		this.nextProbeSend = now;
	}

	private void probeProven(Probe probe) {
		this.probes.remove(probe.topic());
		this.subscriber.unsubscribe(probe.topic());
		probe.live().complete(null);
		if (this.handshaken && !this.connected) {
			becomeConnected();
		}
	}

	/**
	 * The I/O loop, blocking on the SUB socket. Commands, the handshake socket, the monitor and the
	 * timers are its housekeeping.
	 */
	private final class Loop extends IoLoop {

		private Loop() {
			super(ClientIo.this.subscriber);
		}

		@Override
		boolean running() {
			return !ClientIo.this.stopping && ClientIo.this.ioFailure == null;
		}

		@Override
		void houseKeeping(long now) {
			ClientIo.this.houseKeeping(now);
		}

		@Override
		long nextDeadline(long now) {
			return ClientIo.this.nextDeadline();
		}

		@Override
		void received(Engine.Reader message) {
			ClientIo.this.received(message);
		}

		@Override
		void failed(RuntimeException ex) {
			logger.error("Client {} I/O loop failed; closing its sockets", ClientIo.this.clientId, ex);
		}

		@Override
		void exit() {
			shutdownSockets();
			ClientIo.this.firstConnection.completeExceptionally(new IllegalStateException("closed"));
			ClientIo.this.probes.values().forEach((probe) -> probe.live().complete(null));
			ClientIo.this.stopped.countDown();
			if (ClientIo.this.ioFailure != null && !ClientIo.this.stopping) {
				ClientIo.this.listener.failed("ZeroMQ's I/O thread died: " + ClientIo.this.ioFailure);
			}
		}
	}

	private void houseKeeping(long now) {
		Runnable command;
		while ((command = this.commands.poll()) != null) {
			command.run();
		}
		readHandshakes();
		readMonitor();
		runTimers(now);
	}

	private long nextDeadline() {
		long deadline = this.nextPulseCheck;
		if (!this.handshaken) {
			deadline = Math.min(deadline, this.nextHandshakeSend);
		}
		if (!this.probes.isEmpty() || (this.handshaken && !this.connected)) {
			deadline = Math.min(deadline, this.nextProbeSend);
		}
		return deadline;
	}

	private void runTimers(long now) {
		if (!this.handshaken && now - this.nextHandshakeSend >= 0) {
			if (this.options.wireFormat() == WireFormat.NATIVE) {
				this.dealer.send(ReservedTopics.NATIVE_OFFER.getBytes(StandardCharsets.US_ASCII), ZMQ.DONTWAIT);
			}
			this.dealer.send(ReservedTopics.CONNECT.getBytes(StandardCharsets.US_ASCII), ZMQ.DONTWAIT);
			this.nextHandshakeSend = now + (this.everConnected ? this.backoffNanos : BACKOFF_MIN_NANOS * 5);
			if (this.everConnected) {
				this.backoffNanos = Math.min(this.backoffNanos * 2, BACKOFF_MAX_NANOS);
			}
		}
		if (!this.probes.isEmpty() && now - this.nextProbeSend >= 0) {
			resendProbes(now);
			this.nextProbeSend = now + PROBE_RESEND_NANOS;
		}
		if (now - this.nextPulseCheck >= 0) {
			checkPulse();
			this.nextPulseCheck = now + this.options.pulseCheckInterval().toNanos();
		}
	}

	private void resendProbes(long now) {
		for (Probe probe : List.copyOf(this.probes.values())) {
			if (now - probe.since() >= PROBE_RENEW_NANOS) {
				this.probes.remove(probe.topic());
				this.subscriber.unsubscribe(probe.topic());
				startProbe(probe.live());
			}
			else if (!this.brokerAnswersProbes) {
				send(probePulse(probe));
			}
		}
	}

	/** A pulse event stamped with this client's id and the probe's id, for brokers that only relay. */
	private byte[][] probePulse(Probe probe) {
		String timestamp = Event.of(ReservedTopics.PULSE, null, null, probe.id()).timestampText();
		byte[] json = EventJson.write(ReservedTopics.PULSE, null, null, probe.id(), timestamp, this.clientId,
				this.probeCount);
		return new byte[][] { PULSE_TOPIC, json, Crc32s.checksum(json) };
	}

	private void checkPulse() {
		long seen = this.pulses.get();
		if (seen != this.pulsesAtLastCheck || !this.connected) {
			this.pulsesAtLastCheck = seen;
			this.missedPulses = 0;
			return;
		}
		this.missedPulses++;
		if (this.missedPulses > this.options.pulseLimit()) {
			disrupt("no broker pulse in " + this.missedPulses + " checks of "
					+ this.options.pulseCheckInterval().toMillis() + " ms");
		}
	}

	private void disrupt(String reason) {
		if (!this.connected) {
			return;
		}
		this.connected = false;
		this.handshaken = false;
		this.missedPulses = 0;
		// a pulse of the broker that went away says nothing about the next one
		this.pulsedSinceConnect = false;
		this.backoffNanos = BACKOFF_MIN_NANOS;
		this.nextHandshakeSend = System.nanoTime() + BACKOFF_MIN_NANOS;
		this.probes.keySet().forEach(this.subscriber::unsubscribe);
		this.probes.values().forEach((probe) -> probe.live().complete(null));
		this.probes.clear();
		this.brokerAnswersProbes = false;
		// the next broker may be another kind: Python's format until its handshake says otherwise
		this.offerAccepted = false;
		this.nativeFormat = false;
		this.listener.disrupted(reason);
	}

	private void readHandshakes() {
		while (true) {
			byte[] reply = this.dealer.recv(ZMQ.DONTWAIT);
			if (reply == null) {
				return;
			}
			byte[] detail = this.dealer.hasReceiveMore() ? this.dealer.recv(0) : null;
			while (this.dealer.hasReceiveMore()) {
				this.dealer.recv(0);
			}
			String text = new String(reply, StandardCharsets.UTF_8);
			if (!this.handshaken && ReservedTopics.NATIVE_OFFER.equals(text)) {
				this.offerAccepted = true;
				brokerLimit(detail);
			}
			else if (!this.handshaken && ReservedTopics.HANDSHAKE.equals(text)) {
				this.handshaken = true;
				useFormat(this.offerAccepted && this.options.wireFormat() == WireFormat.NATIVE);
				startProbe(new CompletableFuture<>());
			}
			else if (ReservedTopics.isProbe(text)) {
				Probe probe = this.probes.get(text);
				if (probe != null) {
					this.brokerAnswersProbes = true;
					probeProven(probe);
				}
			}
		}
	}

	/** Keeps batches within the message size limit the broker announced with its answer to the offer. */
	private void brokerLimit(byte[] announced) {
		long limit = this.options.maxMessageSize();
		try {
			if (announced != null) {
				limit = Math.min(limit, Long.parseLong(new String(announced, StandardCharsets.US_ASCII)));
			}
		}
		catch (NumberFormatException ex) {
			logger.debug("Client {}: the broker announced no readable message size limit", this.clientId);
		}
		synchronized (this.pushLock) {
			this.outbox.limit(limit);
		}
	}

	/**
	 * Points the SUB socket at the publisher of the format the handshake settled; its subscriptions
	 * go along. A reconnect to the same kind of broker changes nothing: ZeroMQ reconnects by itself.
	 */
	private void useFormat(boolean inNative) {
		String endpoint = inNative ? this.nativeEndpoint : this.pythonEndpoint;
		Link link = this.links[1];
		if (!endpoint.equals(link.endpoint)) {
			if (link.endpoint != null) {
				this.subscriber.disconnect(link.endpoint);
			}
			link.endpoint = endpoint;
			this.subscriber.connect(endpoint);
		}
		this.nativeFormat = inNative;
		logger.debug("Client {} speaks the {} wire format with the broker", this.clientId,
				inNative ? "native" : "Python");
	}

	private void received(Engine.Reader message) {
		if (message.isRouted()) {
			routed(message.nativeFrame());
			return;
		}
		if (message.isNativeBatch()) {
			message.forEachInBatch(this.batchSink);
			return;
		}
		WireEvent event;
		try {
			event = message.decode();
		}
		catch (WireFormatException ex) {
			drop(ex, message.topic());
			return;
		}
		handle(event);
	}

	private void handle(WireEvent event) {
		if (event.type().startsWith(ReservedTopics.PREFIX)) {
			reserved(event);
		}
		else {
			this.listener.received(event);
		}
	}

	/**
	 * Takes an event or batch the broker routed to one of this client's group members. A subscriber to
	 * every type (a {@code *} handler's empty prefix) receives other clients' routed messages too: they
	 * are none of this client's business and ignored.
	 */
	private void routed(byte[] message) {
		String topic = NativeRouted.memberTopic(message);
		if (!topic.startsWith(this.memberPrefix)) {
			return;
		}
		int end = topic.indexOf('/', this.memberPrefix.length());
		if (end < 0) {
			return;
		}
		String group = topic.substring(this.memberPrefix.length(), end);
		byte[] inner = NativeRouted.inner(message);
		if (NativeBatch.isBatch(inner)) {
			NativeBatch.forEach(inner, this.routedChecker, true, new NativeBatch.Sink() {
				@Override
				public void event(int from, int to, WireEvent event) {
					ClientIo.this.listener.routed(group, event);
				}

				@Override
				public void invalid(WireFormatException ex) {
					drop(ex, "(routed batch)");
				}
			});
			return;
		}
		try {
			this.listener.routed(group, NativeFrame.decode(inner, this.routedChecker));
		}
		catch (WireFormatException ex) {
			drop(ex, "(routed)");
		}
	}

	/** Takes the events of a batch one by one; a damaged one costs only itself. */
	private final NativeBatch.Sink batchSink = new NativeBatch.Sink() {

		@Override
		public void event(int from, int to, WireEvent event) {
			handle(event);
		}

		@Override
		public void invalid(WireFormatException ex) {
			drop(ex, "(batch)");
		}
	};

	private void reserved(WireEvent event) {
		String type = event.type();
		if (type.equals(ReservedTopics.PULSE)) {
			if (event.source() != null) {
				probePulseReceived(event);
				return;
			}
			this.pulses.incrementAndGet();
			this.lastPulseNanos = System.nanoTime();
			this.pulsedSinceConnect = true;
			this.listener.received(event);
		}
		else if (type.equals(ReservedTopics.CLOSE)) {
			this.listener.brokerClosed(event);
			disrupt("the broker announced its close");
		}
		else {
			this.listener.received(event);
		}
	}

	/** A client's probe relayed by a broker that does not answer probes; only ours concern this client. */
	private void probePulseReceived(WireEvent event) {
		if (!this.clientId.equals(event.source())) {
			return;
		}
		for (Probe probe : this.probes.values()) {
			if (probe.id().equals(event.id())) {
				probeProven(probe);
				return;
			}
		}
	}

	private void becomeConnected() {
		this.connected = true;
		this.missedPulses = 0;
		this.pulsesAtLastCheck = this.pulses.get();
		this.nextPulseCheck = System.nanoTime() + this.options.pulseCheckInterval().toNanos();
		boolean reconnected = this.everConnected;
		this.everConnected = true;
		this.listener.connected(reconnected);
		this.firstConnection.complete(null);
	}

	private void readMonitor() {
		long now = System.nanoTime();
		for (Link link : this.links) {
			ZMQ.Event event;
			while ((event = ZMQ.Event.recv(link.monitor, ZMQ.DONTWAIT)) != null) {
				int kind = event.getEvent();
				if (kind == ZMQ.EVENT_DISCONNECTED) {
					link.rearmAt = now + REARM_NANOS;
				}
				else if (kind == ZMQ.EVENT_CONNECT_RETRIED || kind == ZMQ.EVENT_CONNECTED) {
					link.rearmAt = 0;
				}
				if (kind == ZMQ.HANDSHAKE_FAILED_AUTH) {
					// the handshake socket is refused first: the subscriber connects only after its answer
					this.refusedByBroker = true;
				}
				else if (link.socket == this.subscriber && kind == ZMQ.EVENT_DISCONNECTED && this.options.reconnect()) {
					disrupt("the connection to the broker dropped");
				}
			}
			if (link.rearmAt != 0 && now - link.rearmAt >= 0 && link.endpoint != null) {
				link.rearmAt = 0;
				logger.warn("Client {}: ZeroMQ gave up {} after a protocol error (a frame over the maximum message size "
						+ "of {} bytes, or a peer that is no aiodistbus broker); connecting again", this.clientId,
						link.endpoint, this.options.maxMessageSize());
				synchronized (this.pushLock) {
					// the push socket is the emitting threads' too
					link.socket.disconnect(link.endpoint);
					link.socket.connect(link.endpoint);
				}
			}
		}
	}

	/**
	 * One socket's connection to the broker, watched through its monitor. After a connection error
	 * ZeroMQ reconnects by itself and says so ({@code CONNECT_RETRIED}); after a protocol error, such as
	 * a frame over the size limit, it drops the connection for good and says nothing more. A dropped
	 * connection without a retry in {@link #REARM_NANOS} is therefore connected again by hand.
	 */
	private static final class Link {

		private final ZMQ.Socket socket;

		/** Where the socket connects; for the subscriber, {@code null} until the first handshake. */
		private String endpoint;

		private final ZMQ.Socket monitor;

		private long rearmAt;

		private Link(ZContext context, ZMQ.Socket socket, String endpoint, String name) {
			this.socket = socket;
			this.endpoint = endpoint;
			String address = "inproc://" + name + "-monitor";
			socket.monitor(address, ZMQ.EVENT_CONNECTED | ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_CONNECT_RETRIED
					| ZMQ.HANDSHAKE_FAILED_AUTH);
			this.monitor = context.createSocket(SocketType.PAIR);
			this.monitor.connect(address);
		}
	}

	/** Drops what the exception says is wrong, under its event type, else under the name given. */
	private void drop(WireFormatException ex, String typeIfUnknown) {
		drop(ex.reason(), (ex.eventType() != null) ? ex.eventType() : typeIfUnknown, ex.getMessage());
	}

	private void drop(DropReason reason, String type, String detail) {
		this.drops.increment(reason);
		this.dropLog.dropped(reason, type, detail);
	}

	private void shutdownSockets() {
		synchronized (this.pushLock) {
			if (this.push == null) {
				return;
			}
			this.outbox.close();
			// What emitters already handed over may drain for the flush timeout; then the context goes.
			this.push.setLinger(this.options.closeFlushTimeout().toMillis());
			this.push = null;
		}
		if (this.ioFailure == null) {
			// with the I/O thread dead, terminating the context would wait forever
			this.context.close();
		}
	}

	/** Stops the I/O thread and closes every socket; waits unless called on the I/O thread itself. */
	void close() {
		this.stopping = true;
		if (Thread.currentThread() == this.thread) {
			return;
		}
		if (this.thread.isAlive()) {
			try {
				long limit = this.options.closeFlushTimeout().toMillis() + 10_000;
				if (!this.stopped.await(limit, TimeUnit.MILLISECONDS)) {
					logger.warn("Client {} I/O thread did not stop within {} ms", this.clientId, limit);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		else {
			shutdownSockets();
			this.stopped.countDown();
		}
	}

	/**
	 * A subscription probe: its topic, the id its pushed pulse carries, when it was started, and what
	 * completes once it is proven.
	 */
	private record Probe(String topic, String id, long since, CompletableFuture<Void> live) {
	}
}
