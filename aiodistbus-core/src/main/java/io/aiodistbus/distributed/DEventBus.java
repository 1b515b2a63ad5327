package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import io.aiodistbus.DropReason;
import io.aiodistbus.ReplyHeaders;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.Event;
import io.aiodistbus.event.EventIds;
import io.aiodistbus.event.ReservedTopics;
import io.aiodistbus.internal.wire.Crc32s;
import io.aiodistbus.internal.wire.EventFrames;
import io.aiodistbus.internal.wire.EventJson;
import io.aiodistbus.internal.wire.NativeBatch;
import io.aiodistbus.internal.wire.NativeFrame;
import io.aiodistbus.internal.wire.NativeRouted;
import io.aiodistbus.internal.wire.WireEvent;
import io.aiodistbus.internal.wire.WireFormatException;
import io.aiodistbus.local.EventBus;

/**
 * The broker: the ZeroMQ server of the distributed bus that its clients, {@link DEntryPoint}s,
 * connect to (the name is Python aiodistbus's; ZeroMQ's Clone pattern). Clients push events to it,
 * it checks them and publishes them to every subscribed client. It binds the three consecutive ports
 * of Python aiodistbus: a ROUTER for the handshake on P, a PUB for events out on P+1 (an XPUB, whose
 * upstream frames the I/O loop drains and drops), a PULL for events in on P+2; and a fourth, P+3, an
 * XPUB for events out in the {@linkplain WireFormat#NATIVE native format}.
 *
 * <h2>Two wire formats</h2>
 * Python peers speak Python's three-frame format and subscribe on P+1, where they see exactly the
 * bytes a Python broker would send. Java clients offer the native format at the handshake; the broker
 * accepts, and they subscribe on P+3. Both kinds push to P+2. An event is relayed untouched in the
 * format it came in, and translated into the other only while a subscription on the other socket
 * matches its type (the XPUB sockets report subscriptions), so a bus of Java peers never pays for it.
 *
 * <h2>What it checks</h2>
 * Every event pulled in Python's format must have exactly three frames, a CRC-32 that matches its
 * JSON, JSON that is valid UTF-8 with the keys of the wire format, and a topic equal to its type; one
 * in the native format, a checksum that matches and an envelope whose every field lies inside the
 * frame (checked in place: its payload is never parsed). Anything else is
 * dropped, logged and counted by {@link DropReason} (see {@link #stats()}), and the broker serves the
 * next message. Only the broker speaks for the bus: pushed reserved types are refused, but for a
 * client's probe pulse, which is taken in. Good events are republished byte for byte.
 *
 * <h2>Subscription proofs</h2>
 * A client proves its subscriptions live by subscribing to a probe topic of its own (see
 * {@link ReservedTopics#PROBE_PREFIX}); the broker reads the notice from its XPUB socket and answers
 * on the handshake socket, so nothing is published for it.
 *
 * <h2>Consumer groups</h2>
 * A client's grouped handler subscribes its SUB socket to a member topic rather than its pattern (see
 * {@link GroupMembers}); for each event it relays, the broker picks one member of each group whose
 * pattern matches and sends it the event (or the whole batch) wrapped under the member's topic
 * ({@link NativeRouted}), on the native publish socket only. An event routed to a member that dies on
 * the way is lost for that group (at most once); a member that left is skipped from the next event on.
 *
 * <h2>Request/reply</h2>
 * Clients may push reply types ({@link ReservedTopics#REPLY_PREFIX}), which go out on the native
 * publish socket only; every other reserved type pushed is refused. An event with a
 * {@value ReplyHeaders#REPLY_TO} header that no subscription matches (on either publish socket, in a
 * group; local forwards, which cannot answer, do not count) is answered at once with an event of its reply type whose
 * {@value ReplyHeaders#STATUS} header is {@value ReplyHeaders#NO_RESPONDERS}.
 *
 * <h2>Security</h2>
 * With {@link BrokerOptions#security()} set, every socket is a CurveZMQ server: all traffic is
 * encrypted, and a client is let in only if its public key is in the allow-list (checked by a
 * {@link ZapHandler} during the ZeroMQ handshake). Refused connections are logged and counted in
 * {@link BrokerStats#refusedConnections()}; plaintext clients and clients with the wrong broker key,
 * which fail before authentication, in {@link BrokerStats#failedHandshakes()}. Without it, the broker
 * warns when bound beyond loopback.
 *
 * <h2>Limits</h2>
 * No socket accepts a frame larger than {@link BrokerOptions#maxMessageSize()}: ZeroMQ drops the
 * connection of a peer that announces one, so that a frame header cannot make the broker allocate
 * gigabytes. Should ZeroMQ's own I/O thread die all the same, the broker logs it, stops serving and
 * says so in {@link #isRunning()}.
 *
 * <h2>Threads</h2>
 * One I/O thread owns every socket; a second one, started on the first {@link #forward}, delivers
 * relayed events to local buses so their handlers never slow the relay. {@link #close()} publishes
 * {@value ReservedTopics#CLOSE}, then closes every socket and stops both threads.
 */
public final class DEventBus implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DEventBus.class);

	private static final AtomicInteger instances = new AtomicInteger();

	private static final int BATCH = 256;

	private static final int BIND_ATTEMPTS = 50;

	/** Longer subscription notices are no probe of ours: a prefix, a UUID, a counter. */
	private static final int MAX_PROBE_NOTICE = 128;

	private final BrokerOptions options;

	private final PayloadCodec codec;

	private final ZContext context = Sockets.context(this::ioThreadDied);

	private final String name;

	private final ZMQ.Socket router;

	private final ZMQ.Socket publisher;

	private final ZMQ.Socket collector;

	private final ZMQ.Socket nativePublisher;

	private final SubscriptionSet pythonSubscriptions = new SubscriptionSet();

	private final SubscriptionSet nativeSubscriptions = new SubscriptionSet();

	private final GroupMembers members = new GroupMembers();

	private static final byte[] REPLY_PREFIX = ReservedTopics.REPLY_PREFIX.getBytes(StandardCharsets.US_ASCII);

	/** Longer reply types are no reply type of ours: a prefix, a UUID, a counter. */
	private static final int MAX_REPLY_TYPE = 128;

	private final NativeFrame.Checker translator = new NativeFrame.Checker();

	private final HandshakeWatch[] watches;

	private final HandshakeWatch.Failures handshakeFailures;

	private final ZapHandler zap;

	private final int port;

	private final Thread ioThread;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final DropCounters drops = new DropCounters();

	private final DropLog dropLog;

	private final AtomicLong relayed = new AtomicLong();

	private final AtomicLong translated = new AtomicLong();

	private final AtomicLong pulses = new AtomicLong();

	private final AtomicLong handshakes = new AtomicLong();

	private final AtomicInteger connectedClients = new AtomicInteger();

	private final List<LocalForward> forwards = new CopyOnWriteArrayList<>();

	private volatile boolean closing;

	private volatile Throwable ioFailure;

	/** Starts a broker on loopback with free ports. */
	public DEventBus() {
		this(BrokerOptions.defaults());
	}

	/**
	 * Starts a broker with the default options on the given address.
	 * @param host the address to bind
	 * @param port the first of three consecutive ports, 0 for free ones
	 */
	public DEventBus(String host, int port) {
		this(BrokerOptions.defaults().withHost(host).withPort(port));
	}

	/**
	 * Starts a broker: binds its sockets (so a port conflict is thrown here) and starts its I/O thread.
	 * @param options how to bind and behave
	 */
	public DEventBus(BrokerOptions options) {
		this(options, PayloadCodec.shared());
	}

	/**
	 * @param options how to bind and behave
	 * @param codec decodes payloads of events forwarded to local buses
	 */
	public DEventBus(BrokerOptions options, PayloadCodec codec) {
		this.options = options;
		this.codec = codec;
		this.name = "aiodistbus-broker-" + instances.incrementAndGet();
		this.dropLog = new DropLog(logger, "Broker " + options.host());
		this.handshakeFailures = (options.security() != null)
				? new HandshakeWatch.Failures(logger, "Broker " + options.host()) : null;
		ZMQ.Socket[] bound = null;
		try {
			// Bound before any CURVE socket: without a handler, ZeroMQ would let every client in.
			this.zap = (options.security() != null)
					? new ZapHandler(this.context, options.security(), logger, "Broker " + options.host()) : null;
			bound = bind(options);
			this.router = bound[0];
			this.publisher = bound[1];
			this.collector = bound[2];
			this.nativePublisher = bound[3];
			this.port = portOf(this.router);
			this.watches = watch(bound);
		}
		catch (RuntimeException ex) {
			this.context.close();
			throw ex;
		}
		if (options.security() == null && !isLoopback(options.host())) {
			logger.warn("Broker binds {} without CURVE authentication: anyone who reaches this address can join, "
					+ "read and publish events (see BrokerOptions.withSecurity)", options.host());
		}
		this.ioThread = new Thread(new Loop(), this.name + "-io");
		this.ioThread.setDaemon(true);
		this.ioThread.start();
		logger.info("Broker listening on {} (handshake), {} (publish), {} (collect), {} (publish, native format){}",
				endpoint(), this.port + 1, this.port + 2, this.port + 3, curveSummary(options.security()));
	}

	/**
	 * Watches the two publishers, whose connections are the connected clients, and with CURVE also the
	 * other two sockets, each of which a client handshakes with.
	 */
	private HandshakeWatch[] watch(ZMQ.Socket[] sockets) {
		HandshakeWatch publisher = new HandshakeWatch(this.context, sockets[1], "inproc://" + this.name + "-monitor-1",
				this.handshakeFailures, (change) -> this.connectedClients.updateAndGet((count) -> Math.max(0, count + change)));
		HandshakeWatch nativePublisher = new HandshakeWatch(this.context, sockets[3],
				"inproc://" + this.name + "-monitor-3", this.handshakeFailures,
				(change) -> this.connectedClients.updateAndGet((count) -> Math.max(0, count + change)));
		if (this.handshakeFailures == null) {
			return new HandshakeWatch[] { publisher, nativePublisher };
		}
		return new HandshakeWatch[] { publisher, nativePublisher,
				new HandshakeWatch(this.context, sockets[0], "inproc://" + this.name + "-monitor-0",
						this.handshakeFailures, (change) -> { }),
				new HandshakeWatch(this.context, sockets[2], "inproc://" + this.name + "-monitor-2",
						this.handshakeFailures, (change) -> { }) };
	}

	private void ioThreadDied(Thread thread, Throwable error) {
		this.ioFailure = error;
		logger.error("Broker {}: ZeroMQ's I/O thread {} died; the broker stops serving and cannot free its "
				+ "ports until the process exits", this.name, thread.getName(), error);
	}

	private static String curveSummary(BrokerSecurity security) {
		return (security == null) ? ", no CURVE" : ", CURVE with public key " + security.serverKeys().publicKey()
				+ " and " + security.allowedClientKeys().size() + " allowed client keys";
	}

	private ZMQ.Socket[] bind(BrokerOptions options) {
		ZMQException last = null;
		Engine.FrameAllocator allocator = new Engine.FrameAllocator(options.maxMessageSize(), this.drops, this.dropLog);
		for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
			ZMQ.Socket router = Sockets.server(this.context, SocketType.ROUTER, options, allocator);
			// XPUB, not PUB: JeroMQ's PUB keeps every frame a peer sends upstream (other than a
			// subscription) in a queue nobody reads; an XPUB hands them to the I/O loop, which drops them.
			// Subscribers see no difference (ZMTP lets SUB talk to either).
			ZMQ.Socket publisher = Sockets.server(this.context, SocketType.XPUB, options, allocator);
			ZMQ.Socket collector = Sockets.server(this.context, SocketType.PULL, options, allocator);
			ZMQ.Socket nativePublisher = Sockets.server(this.context, SocketType.XPUB, options, allocator);
			publisher.setSndHWM(options.publishHighWaterMark());
			// the sockets that carry native batches count them as messages: a sixteenth keeps their memory
			nativePublisher.setSndHWM(Sockets.batchedHighWaterMark(options.publishHighWaterMark()));
			collector.setRcvHWM(Sockets.batchedHighWaterMark(options.publishHighWaterMark()));
			try {
				int first;
				if (options.port() == 0) {
					router.bind(Sockets.tcpAnyPort(options.host()));
					first = portOf(router);
					if (first > 65532) {
						throw new ZMQException("no room for three more ports above " + first, ZMQ.Error.EADDRINUSE.getCode());
					}
				}
				else {
					first = options.port();
					router.bind(Sockets.tcp(options.host(), first));
				}
				publisher.bind(Sockets.tcp(options.host(), first + 1));
				collector.bind(Sockets.tcp(options.host(), first + 2));
				nativePublisher.bind(Sockets.tcp(options.host(), first + 3));
				return new ZMQ.Socket[] { router, publisher, collector, nativePublisher };
			}
			catch (ZMQException ex) {
				this.context.destroySocket(router);
				this.context.destroySocket(publisher);
				this.context.destroySocket(collector);
				this.context.destroySocket(nativePublisher);
				if (options.port() != 0) {
					throw new IllegalStateException("Cannot bind the broker on " + Sockets.hostAndPort(options.host(), options.port())
							+ ".." + (options.port() + 3) + ": " + ex.getMessage(), ex);
				}
				last = ex;
			}
		}
		throw new IllegalStateException("Cannot find four free consecutive ports on " + options.host(), last);
	}

	private static int portOf(ZMQ.Socket socket) {
		String endpoint = socket.getLastEndpoint();
		return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
	}

	private static boolean isLoopback(String host) {
		return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
	}

	/** @return the address the broker is bound to */
	public String host() {
		return this.options.host();
	}

	/**
	 * @return the handshake port; events go out on {@code port() + 1} (and {@code port() + 3} in the
	 * native format) and come in on {@code port() + 2}
	 */
	public int port() {
		return this.port;
	}

	/**
	 * What the broker's subscribers subscribe to, as their publish sockets tell it: ZeroMQ says which
	 * prefixes are subscribed and how often, not by whom. Besides the prefixes of handlers' patterns
	 * there are the bus's own: a client's subscription probes, consumer group members' topics (which
	 * name the client and its group) and request reply prefixes.
	 * @return per wire format, each subscribed prefix with its number of subscriptions
	 */
	public Map<WireFormat, Map<String, Integer>> subscriptions() {
		Map<WireFormat, Map<String, Integer>> subscriptions = new EnumMap<>(WireFormat.class);
		subscriptions.put(WireFormat.PYTHON, this.pythonSubscriptions.snapshot());
		subscriptions.put(WireFormat.NATIVE, this.nativeSubscriptions.snapshot());
		return Collections.unmodifiableMap(subscriptions);
	}

	/**
	 * @return the handshake address as {@code host:port}, an IPv6 host in brackets ({@code [::1]:5555}),
	 * as clients and logs name it
	 */
	public String endpoint() {
		return Sockets.hostAndPort(host(), this.port);
	}

	/** @return whether the broker is serving: not closed, and ZeroMQ's I/O thread alive */
	public boolean isRunning() {
		return !this.closing && this.ioFailure == null && this.stopped.getCount() > 0;
	}

	/** @return a snapshot of the broker's counters */
	public BrokerStats stats() {
		return new BrokerStats(isRunning(), this.connectedClients.get(), this.handshakes.get(), this.relayed.get(),
				this.translated.get(), this.pulses.get(), this.drops.snapshot(), (this.zap != null) ? this.zap.refused() : 0,
				(this.handshakeFailures != null) ? this.handshakeFailures.snapshot() : noHandshakeFailures());
	}

	private static Map<HandshakeFailure, Long> noHandshakeFailures() {
		Map<HandshakeFailure, Long> none = new EnumMap<>(HandshakeFailure.class);
		for (HandshakeFailure cause : HandshakeFailure.values()) {
			none.put(cause, 0L);
		}
		return Collections.unmodifiableMap(none);
	}

	/** @return how many consumer group members the broker knows, over all groups (its I/O thread's view) */
	int groupMembers() {
		return this.members.size();
	}

	/**
	 * Bridges this broker to a local bus in one direction: the events it relays, of the given types or
	 * patterns, are delivered to the local bus as well; the local bus's handlers run on a thread of
	 * their own.
	 * @param localBus the bus to deliver to
	 * @param types event types or patterns; none means {@code *}
	 */
	public void forward(EventBus localBus, String... types) {
		this.forwards.add(new LocalForward(localBus, (types.length == 0) ? new String[] { "*" } : types, this.codec,
				this.name, this.drops, this.dropLog));
	}

	/**
	 * The I/O loop, blocking on the collector. The other sockets (handshakes, ZAP, monitor, what
	 * subscribers send upstream) are its housekeeping; the pulse is due on every turn.
	 */
	private final class Loop extends IoLoop {

		private final long pulseNanos = DEventBus.this.options.pulse().toNanos();

		private long nextPulse = System.nanoTime() + this.pulseNanos;

		private Loop() {
			super(DEventBus.this.collector);
		}

		@Override
		boolean running() {
			return !DEventBus.this.closing && DEventBus.this.ioFailure == null;
		}

		@Override
		void houseKeeping(long now) {
			DEventBus.this.houseKeeping();
		}

		@Override
		long nextDeadline(long now) {
			if (now - this.nextPulse >= 0) {
				publishReserved(ReservedTopics.PULSE);
				DEventBus.this.pulses.incrementAndGet();
				this.nextPulse = now + this.pulseNanos;
			}
			return this.nextPulse;
		}

		@Override
		void received(Engine.Reader message) {
			relay(message);
		}

		@Override
		void stopped() {
			if (DEventBus.this.ioFailure == null) {
				publishReserved(ReservedTopics.CLOSE);
			}
		}

		@Override
		void failed(RuntimeException ex) {
			logger.error("Broker {} I/O loop failed; closing", DEventBus.this.name, ex);
		}

		@Override
		void exit() {
			shutdownSockets();
			DEventBus.this.stopped.countDown();
		}
	}

	private void houseKeeping() {
		// First: a client's CURVE handshake waits for this answer and gives up after the handshake interval.
		if (this.zap != null) {
			this.zap.answerAll();
		}
		answerHandshakes();
		readMonitor();
		answerProbes();
	}

	/**
	 * Reads what subscribers sent upstream, a batch at a time: subscription notices, and whatever else a
	 * peer sends, which is dropped. The XPUB has applied a subscription by the time its notice is read,
	 * so a client's probe subscription is answered then, on the handshake socket: the client's identity
	 * there is the id inside the probe topic. Nothing goes out on the publish socket, where every
	 * subscriber to the empty prefix (a Python {@code on("*")}) would see it.
	 */
	private void answerProbes() {
		readNotices(this.publisher, this.pythonSubscriptions);
		readNotices(this.nativePublisher, this.nativeSubscriptions);
	}

	private void readNotices(ZMQ.Socket socket, SubscriptionSet subscriptions) {
		for (int n = 0; n < BATCH; n++) {
			byte[] notice = socket.recv(ZMQ.DONTWAIT);
			if (notice == null) {
				return;
			}
			while (socket.hasReceiveMore()) {
				socket.recv(0);
			}
			String client = probeClient(notice);
			if (client != null) {
				this.router.sendMore(client);
				this.router.send(Arrays.copyOfRange(notice, 1, notice.length), ZMQ.DONTWAIT);
			}
			else if (GroupMembers.isMemberNotice(notice)) {
				// routed messages go out on the native socket only: members elsewhere would get nothing
				if (socket == this.nativePublisher) {
					this.members.apply(notice);
				}
			}
			else {
				subscriptions.apply(notice);
			}
		}
	}

	/** @return the client id of a subscription notice for a probe topic, else {@code null} */
	private static String probeClient(byte[] notice) {
		if (notice.length < 2 || notice[0] != 1 || notice.length > MAX_PROBE_NOTICE) {
			return null;
		}
		String topic = new String(notice, 1, notice.length - 1, StandardCharsets.UTF_8);
		int last = topic.lastIndexOf('.');
		if (!ReservedTopics.isProbe(topic) || last <= ReservedTopics.PROBE_PREFIX.length()) {
			return null;
		}
		return topic.substring(ReservedTopics.PROBE_PREFIX.length(), last);
	}

	private void relay(Engine.Reader message) {
		if (message.isNative()) {
			relayNative(message);
			return;
		}
		WireEvent event = check(message);
		if (event == null) {
			return;
		}
		if (ReservedTopics.isReply(event.type())) {
			relayReply(event);
			return;
		}
		byte[] translation = null;
		byte[] topic = message.firstFrame();
		if (this.nativeSubscriptions.matches(topic, topic.length)) {
			try {
				translation = NativeFrame.write(event);
			}
			catch (IllegalArgumentException ex) {
				// An event the native format cannot carry (a NUL in its type, a field over 64 KiB): native
				// subscribers get it as it came, since clients read both formats.
				message.copyTo(this.nativePublisher);
			}
		}
		message.sendTo(this.publisher);
		if (translation != null) {
			this.nativePublisher.send(translation, 0);
			this.translated.incrementAndGet();
		}
		if (!this.members.isEmpty() && this.members.matches(event.type())) {
			try {
				routeToGroups(event.type(), (translation != null) ? translation : NativeFrame.write(event));
			}
			catch (IllegalArgumentException ex) {
				logger.debug("Broker {}: event '{}' cannot be routed to its groups in the native format", this.name,
						event.type());
			}
		}
		relayed(event);
		if (!subscribed(translation != null, topic, topic.length, event.type())) {
			answerNoResponders(event);
		}
	}

	/** Sends a reply a client pushed in Python's format on to the Java clients, the only ones that ask. */
	private void relayReply(WireEvent event) {
		try {
			this.nativePublisher.send(NativeFrame.write(event), 0);
			this.relayed.incrementAndGet();
		}
		catch (IllegalArgumentException ex) {
			drop(DropReason.MALFORMED, event.type(), "a reply the native format cannot carry");
		}
	}

	/** Sends an event or batch to one member of each group that listens to its type. */
	private void routeToGroups(String type, byte[] inner) {
		this.members.route(type, (memberTopic) -> this.nativePublisher.send(NativeRouted.write(memberTopic, inner), 0));
	}

	/**
	 * Whether anything that could answer a request receives the type: a subscription prefix on either
	 * publish socket, or a group member. Local forwards do not count: they carry events one way, so a
	 * handler behind one cannot reach the requester (a bus that answers is bridged by a client, which
	 * subscribes), and the standalone broker's monitor forwards every type, which would make every
	 * request wait for its timeout.
	 */
	private boolean subscribed(boolean known, byte[] topic, int typeLength, String type) {
		if (known || this.nativeSubscriptions.matches(topic, typeLength)
				|| this.pythonSubscriptions.matches(topic, typeLength)) {
			return true;
		}
		return !this.members.isEmpty()
				&& this.members.matches((type != null) ? type : new String(topic, 0, typeLength, StandardCharsets.UTF_8));
	}

	/** Tells a requester at once that nobody subscribes to its request's type. */
	private void answerNoResponders(WireEvent request) {
		String replyTo = request.headers().get(ReplyHeaders.REPLY_TO);
		if (replyTo == null || !ReservedTopics.isReply(replyTo) || replyTo.length() > MAX_REPLY_TYPE
				|| replyTo.indexOf('\0') >= 0) {
			return;
		}
		String timestamp = Event.of(replyTo, null, null).timestampText();
		this.nativePublisher.send(NativeFrame.write(new WireEvent(replyTo, null, null, EventIds.next(), timestamp, null,
				0, Map.of(ReplyHeaders.STATUS, ReplyHeaders.NO_RESPONDERS))), 0);
	}

	private static boolean isReply(byte[] frame, int typeLength) {
		return typeLength > REPLY_PREFIX.length && typeLength <= MAX_REPLY_TYPE
				&& Arrays.equals(frame, 0, REPLY_PREFIX.length, REPLY_PREFIX, 0, REPLY_PREFIX.length);
	}

	/**
	 * Relays a native event: checked in place, sent on untouched, and decoded only when a Python
	 * subscriber or a local bus wants it.
	 */
	private void relayNative(Engine.Reader message) {
		if (message.isNativeBatch()) {
			relayBatch(message);
			return;
		}
		int typeLength;
		try {
			typeLength = message.checkNative();
		}
		catch (WireFormatException ex) {
			drop(ex, "(native)");
			return;
		}
		byte[] frame = message.nativeFrame();
		if (NativeFrame.isReserved(frame, typeLength)) {
			if (isReply(frame, typeLength)) {
				// a reply, for the Java client that asked: never translated for Python peers
				message.sendTo(this.nativePublisher);
				this.relayed.incrementAndGet();
				return;
			}
			drop(DropReason.RESERVED, new String(frame, 0, typeLength, StandardCharsets.UTF_8),
					"only the broker sends reserved types");
			return;
		}
		boolean python = this.pythonSubscriptions.matches(frame, typeLength);
		WireEvent event = (python || !this.forwards.isEmpty()) ? NativeFrame.decode(frame, this.translator) : null;
		message.sendTo(this.nativePublisher);
		if (python) {
			publishInPythonFormat(event, Arrays.copyOf(frame, typeLength));
		}
		String type = null;
		if (!this.members.isEmpty()) {
			type = (event != null) ? event.type() : new String(frame, 0, typeLength, StandardCharsets.UTF_8);
			if (this.members.matches(type)) {
				routeToGroups(type, frame);
			}
		}
		if (event != null) {
			relayed(event);
		}
		else {
			this.relayed.incrementAndGet();
		}
		// only an event with headers can be a request: the others are not decoded for it
		if (NativeFrame.hasHeaders(frame, 0, typeLength) && !subscribed(python, frame, typeLength, type)) {
			answerNoResponders((event != null) ? event : NativeFrame.decode(frame, this.translator));
		}
	}

	private void publishInPythonFormat(WireEvent event, byte[] topic) {
		byte[] json = EventJson.write(event.type(), event.data(), event.dtype(), event.id(), event.timestamp(),
				event.source(), event.sequence(), event.headers());
		this.publisher.sendMore(topic);
		this.publisher.sendMore(json);
		this.publisher.send(Crc32s.checksum(json));
		this.translated.incrementAndGet();
	}

	/**
	 * Relays a batch of native events: each checked in place, the batch sent on untouched as one
	 * message, its events decoded only when a Python subscriber or a local bus wants them. A batch with
	 * a damaged event goes on as its valid events, each on its own.
	 */
	private void relayBatch(Engine.Reader message) {
		byte[] batch = message.nativeFrame();
		int typeLength = NativeBatch.typeLength(batch);
		if (NativeFrame.isReserved(batch, typeLength)) {
			if (!isReply(batch, typeLength)) {
				drop(DropReason.RESERVED, new String(batch, 0, typeLength, StandardCharsets.UTF_8),
						"only the broker sends reserved types (a batch of them)");
				return;
			}
			// replies in a burst: relayed to the Java clients only, as single ones are
			try {
				message.checkBatch();
			}
			catch (WireFormatException ex) {
				drop(ex.reason(), "(reply batch)", ex.getMessage());
				return;
			}
			message.sendTo(this.nativePublisher);
			this.relayed.incrementAndGet();
			return;
		}
		int count;
		try {
			count = message.checkBatch();
		}
		catch (WireFormatException ex) {
			NativeBatch.forEach(batch, this.translator, true, new BatchSplitter(batch, typeLength));
			return;
		}
		boolean python = this.pythonSubscriptions.matches(batch, typeLength);
		message.sendTo(this.nativePublisher);
		if (!this.members.isEmpty()) {
			String type = new String(batch, 0, typeLength, StandardCharsets.UTF_8);
			if (this.members.matches(type)) {
				// a whole batch goes to one member of each group
				routeToGroups(type, batch);
			}
		}
		if (!subscribed(python, batch, typeLength, null)) {
			NativeBatch.forEach(batch, this.translator, false, new NativeBatch.Sink() {
				@Override
				public void event(int from, int to, WireEvent unread) {
					if (NativeFrame.hasHeaders(batch, from, typeLength)) {
						answerNoResponders(NativeFrame.decode(batch, from, to, DEventBus.this.translator));
					}
				}

				@Override
				public void invalid(WireFormatException ex) {
				}
			});
		}
		if (python || !this.forwards.isEmpty()) {
			byte[] topic = python ? Arrays.copyOf(batch, typeLength) : null;
			NativeBatch.forEach(batch, this.translator, true, new NativeBatch.Sink() {
				@Override
				public void event(int from, int to, WireEvent event) {
					if (topic != null) {
						publishInPythonFormat(event, topic);
					}
					relayed(event);
				}

				@Override
				public void invalid(WireFormatException ex) {
					throw new IllegalStateException("a checked batch read differently the second time", ex);
				}
			});
		}
		else {
			this.relayed.addAndGet(count);
		}
	}

	/** Relays the valid events of a batch that holds a damaged one, each as a native frame of its own. */
	private final class BatchSplitter implements NativeBatch.Sink {

		private final byte[] batch;

		private final byte[] topic;

		private final boolean python;

		BatchSplitter(byte[] batch, int typeLength) {
			this.batch = batch;
			this.topic = Arrays.copyOf(batch, typeLength);
			this.python = DEventBus.this.pythonSubscriptions.matches(batch, typeLength);
		}

		@Override
		public void event(int from, int to, WireEvent event) {
			byte[] frame = Arrays.copyOfRange(this.batch, from, to);
			DEventBus.this.nativePublisher.send(frame, 0);
			if (DEventBus.this.members.matches(event.type())) {
				routeToGroups(event.type(), frame);
			}
			if (this.python) {
				publishInPythonFormat(event, this.topic);
			}
			relayed(event);
		}

		@Override
		public void invalid(WireFormatException ex) {
			drop(ex, "(native batch)");
		}
	}

	private void relayed(WireEvent event) {
		this.relayed.incrementAndGet();
		if (!this.forwards.isEmpty()) {
			for (LocalForward forward : this.forwards) {
				forward.offer(event);
			}
		}
	}

	private WireEvent check(Engine.Reader message) {
		WireEvent event;
		try {
			event = message.decode();
		}
		catch (WireFormatException ex) {
			drop(ex, message.topic());
			return null;
		}
		if (ReservedTopics.isReserved(event.type())) {
			if (ReservedTopics.isReply(event.type()) && event.type().length() <= MAX_REPLY_TYPE) {
				return event;
			}
			if (event.source() != null && event.type().equals(ReservedTopics.PULSE)) {
				// A client proving its subscriptions the way a Python broker needs. Ours answers the probe
				// subscription instead, which the client made just before pushing this: answer it now.
				answerProbes();
				return null;
			}
			// Only the broker speaks for the bus: a pushed close would shut every client down, a pushed
			// pulse would keep clients believing in a dead broker.
			drop(DropReason.RESERVED, event.type(), "only the broker sends " + event.type());
			return null;
		}
		return event;
	}

	/** Drops what the exception says is wrong, under its event type, else under the name given. */
	private void drop(WireFormatException ex, String typeIfUnknown) {
		drop(ex.reason(), (ex.eventType() != null) ? ex.eventType() : typeIfUnknown, ex.getMessage());
	}

	private void drop(DropReason reason, String type, String detail) {
		this.drops.increment(reason);
		this.dropLog.dropped(reason, type, detail);
	}

	private void answerHandshakes() {
		while (true) {
			byte[] identity = this.router.recv(ZMQ.DONTWAIT);
			if (identity == null) {
				return;
			}
			byte[] request = null;
			int frames = 1;
			while (this.router.hasReceiveMore()) {
				byte[] frame = this.router.recv(0);
				if (frames == 1) {
					request = frame;
				}
				frames++;
			}
			if (frames == 2 && ReservedTopics.NATIVE_OFFER.equals(new String(request, StandardCharsets.UTF_8))) {
				// answered before the handshake that follows it, so the client knows by then; with the limit
				// its batches must keep to
				this.router.sendMore(identity);
				this.router.sendMore(ReservedTopics.NATIVE_OFFER);
				this.router.send(Long.toString(this.options.maxMessageSize()));
			}
			else if (frames == 2 && ReservedTopics.CONNECT.equals(new String(request, StandardCharsets.UTF_8))) {
				this.router.sendMore(identity);
				this.router.send(ReservedTopics.HANDSHAKE);
				this.handshakes.incrementAndGet();
				logger.debug("Broker {} answered the handshake of {}", this.name,
						new String(identity, StandardCharsets.UTF_8));
			}
			else {
				logger.debug("Broker {} ignored a message of {} frames on its handshake socket", this.name, frames);
			}
		}
	}

	private void readMonitor() {
		for (HandshakeWatch watch : this.watches) {
			watch.read();
		}
	}

	private void publishReserved(String type) {
		byte[][] frames = EventFrames.reserved(type);
		this.publisher.sendMore(frames[0]);
		this.publisher.sendMore(frames[1]);
		this.publisher.send(frames[2]);
		WireEvent wire = EventJson.read(frames[1]);
		this.nativePublisher.send(NativeFrame.write(wire), 0);
		if (!this.forwards.isEmpty()) {
			for (LocalForward forward : this.forwards) {
				forward.offer(wire);
			}
		}
	}

	private void shutdownSockets() {
		if (this.ioFailure != null) {
			// Terminating the context would wait forever for the dead thread to release the sockets.
			return;
		}
		// The farewell must reach the subscribers before the socket goes.
		this.publisher.setLinger(1_000);
		for (HandshakeWatch watch : this.watches) {
			watch.close();
		}
		this.context.close();
	}

	/**
	 * Publishes {@value ReservedTopics#CLOSE}, closes every socket and stops the broker's threads.
	 * Idempotent; returns once the sockets are closed.
	 */
	@Override
	public void close() {
		// The I/O loop sees the flag within its longest wait.
		this.closing = true;
		try {
			if (!this.stopped.await(10, TimeUnit.SECONDS)) {
				logger.warn("Broker {} did not stop within 10 s", this.name);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (LocalForward forward : this.forwards) {
			forward.close();
		}
		this.forwards.clear();
	}

	@Override
	public String toString() {
		return "DEventBus[" + endpoint() + "]";
	}

}
