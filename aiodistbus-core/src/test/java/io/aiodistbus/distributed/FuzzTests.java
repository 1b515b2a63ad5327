package io.aiodistbus.distributed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.DropReason;
import io.aiodistbus.codec.DtypeRegistry;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.contract.Catcher;
import io.aiodistbus.event.BusEvent;
import io.aiodistbus.event.Event;
import io.aiodistbus.event.ReservedTopics;
import io.aiodistbus.internal.wire.Crc32s;
import io.aiodistbus.internal.wire.NativeFrame;
import io.aiodistbus.internal.wire.EventJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and malformed input on every socket of the broker, and well-formed envelopes with undecodable
 * payloads through the broker to a client: nothing stops serving, and every rejected message is
 * counted under the reason it was rejected for.
 * <p>
 * Runs for {@code aiodistbus.fuzz.seconds} (default 8) with the seed {@code aiodistbus.fuzz.seed}
 * (default: the clock), printed so that a failure can be replayed.
 */
class FuzzTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int MAX_MESSAGES = 2_000_000;

	private static final String TYPED = "fuzz.typed";

	private static final String TIMESTAMP = "2026-11-28T12:00:00.123456";

	private static final ObjectMapper ORACLE = new ObjectMapper()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private static final byte[][] BAD_UTF8 = { { (byte) 0xff }, { (byte) 0xc0, (byte) 0x80 }, { (byte) 0x80 },
			{ (byte) 0xe2, (byte) 0x82 }, { (byte) 0xed, (byte) 0xa0, (byte) 0x80 }, { (byte) 0xf8, 'a' } };

	/** A payload class registered under a dtype of its own in the fuzzed client's codec. */
	@BusEvent(value = TYPED, dtype = "fuzz.FuzzRecord")
	record FuzzRecord(String name, int count) {
	}

	private final DEventBus broker = new DEventBus(BrokerOptions.defaults());

	private final List<DEntryPoint> clients = new CopyOnWriteArrayList<>();

	private final ZContext raw = new ZContext(1);

	/** What was sent, per kind of message. */
	private final Map<String, Long> sent = new TreeMap<>();

	/** What the broker must drop, per reason. */
	private final Map<DropReason, Long> brokerExpected = new EnumMap<>(DropReason.class);

	private final List<byte[]> subscribed = new ArrayList<>();

	private long framesSent;

	private long connectsSent;

	/** Undecodable payloads that reach the client: each is one PAYLOAD drop there. */
	private long clientPayloadExpected;

	/**
	 * Events with a valid envelope: the whole-Event handler receives each, since it does not read the
	 * payload, which is decoded on demand only.
	 */
	private long eventHandlerExpected;

	private long typedExpected;

	@AfterEach
	void close() {
		this.clients.forEach(DEntryPoint::close);
		this.raw.close();
		this.broker.close();
	}

	private DEntryPoint client(PayloadCodec codec) {
		DEntryPoint client = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)),
				codec);
		this.clients.add(client);
		return client;
	}

	private ZMQ.Socket rawSocket(SocketType type, int port) {
		ZMQ.Socket socket = this.raw.createSocket(type);
		socket.setLinger(0);
		socket.setHandshakeIvl(Sockets.HANDSHAKE_INTERVAL_MS);
		socket.setReconnectIVL(100);
		socket.setSendTimeOut(10_000);
		return socket;
	}

	@Test
	void brokerAndClientsKeepServingAndCountWhatTheyDrop() {
		long seed = Long.getLong("aiodistbus.fuzz.seed", System.nanoTime());
		double seconds = Double.parseDouble(System.getProperty("aiodistbus.fuzz.seconds", "8"));
		System.out.println("fuzz: seed=" + seed + " seconds=" + seconds + " (replay with -Daiodistbus.fuzz.seed="
				+ seed + ")");
		Random random = new Random(seed);
		ch.qos.logback.classic.Logger handlerLog = (ch.qos.logback.classic.Logger) LoggerFactory
			.getLogger(io.aiodistbus.internal.dispatch.Subscriber.class);
		Level handlerLogLevel = handlerLog.getLevel();
		// every payload a handler rejects is logged; thousands of lines would only slow the machine down
		handlerLog.setLevel(Level.ERROR);
		try {
			run(random, seconds);
		}
		finally {
			handlerLog.setLevel(handlerLogLevel);
		}
	}

	private void run(Random random, double seconds) {
		PayloadCodec codec = new PayloadCodec(new DtypeRegistry());
		String recordDtype = codec.registry().register(FuzzRecord.class);
		DEntryPoint target = client(codec);
		Catcher<FuzzRecord> typed = new Catcher<>();
		Catcher<Event> events = new Catcher<>();
		Catcher<String> pings = new Catcher<>();
		target.on(TYPED, FuzzRecord.class, typed);
		target.on("fuzz.*", events);
		target.on("check.ping", String.class, pings);
		target.connect("127.0.0.1", this.broker.port());
		DEntryPoint other = client(PayloadCodec.shared());
		Catcher<Event> everything = new Catcher<>();
		Catcher<String> pongs = new Catcher<>();
		other.on("*", everything);
		other.on("check.pong", String.class, pongs);
		other.connect("127.0.0.1", this.broker.port());

		int port = this.broker.port();
		ZMQ.Socket push = rawSocket(SocketType.PUSH, port + 2);
		push.connect(Sockets.tcp("127.0.0.1", port + 2));
		List<ZMQ.Socket> dealers = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			ZMQ.Socket dealer = rawSocket(SocketType.DEALER, port);
			dealer.setIdentity(randomBytes(random, 1 + random.nextInt(64)));
			dealer.connect(Sockets.tcp("127.0.0.1", port));
			dealers.add(dealer);
		}
		ZMQ.Socket xsub = rawSocket(SocketType.XSUB, port + 1);
		xsub.connect(Sockets.tcp("127.0.0.1", port + 1));
		long handshakesBefore = this.broker.stats().handshakes();
		long answers = 0;

		long deadline = System.nanoTime() + (long) (seconds * 1e9);
		for (int n = 0; n < MAX_MESSAGES && System.nanoTime() - deadline < 0; n++) {
			int socket = random.nextInt(10);
			if (socket < 5) {
				fuzzCollector(random, push);
			}
			else if (socket < 7) {
				fuzzSubscriberPath(random, push, recordDtype);
			}
			else if (socket < 9) {
				ZMQ.Socket dealer = dealers.get(random.nextInt(dealers.size()));
				fuzzRouter(random, dealer);
				while (dealer.recv(ZMQ.DONTWAIT) != null) {
					answers++;
				}
			}
			else {
				fuzzPublisher(random, xsub);
			}
		}

		Awaitility.await("the broker counts every bad message it pulled")
			.atMost(TIMEOUT)
			.until(() -> reachedAll(this.broker.stats().dropped(), this.brokerExpected));
		Awaitility.await("the broker answers every connect it was sent")
			.atMost(TIMEOUT)
			.until(() -> this.broker.stats().handshakes() - handshakesBefore >= this.connectsSent);
		Awaitility.await("the client counts every payload it cannot decode")
			.atMost(TIMEOUT)
			.until(() -> target.stats().dropped().get(DropReason.PAYLOAD) >= this.clientPayloadExpected
					&& events.received().size() >= this.eventHandlerExpected
					&& typed.received().size() >= this.typedExpected);
		for (ZMQ.Socket dealer : dealers) {
			while (dealer.recv(ZMQ.DONTWAIT) != null) {
				answers++;
			}
		}

		BrokerStats brokerStats = this.broker.stats();
		ClientStats targetStats = target.stats();
		System.out.println("fuzz: sent per kind " + this.sent);
		System.out.println("fuzz: frames sent=" + this.framesSent + ", broker drops=" + brokerStats.droppedTotal() + " "
				+ nonZero(brokerStats.dropped()) + ", client drops=" + targetStats.droppedTotal() + " "
				+ nonZero(targetStats.dropped()) + ", other client drops=" + other.stats().droppedTotal() + " "
				+ nonZero(other.stats().dropped()) + ", handshakes answered=" + (brokerStats.handshakes()
						- handshakesBefore) + " (" + answers + " read back)");

		assertThat(this.broker.isRunning()).isTrue();
		assertThat(Thread.getAllStackTraces().keySet())
			.anyMatch((thread) -> thread.getName().startsWith("aiodistbus-broker-") && thread.isAlive());
		assertThat(nonZero(brokerStats.dropped())).as("broker drops by reason").isEqualTo(this.brokerExpected);
		assertThat(brokerStats.handshakes() - handshakesBefore).isEqualTo(this.connectsSent);
		assertThat(targetStats.dropped().get(DropReason.PAYLOAD)).isEqualTo(this.clientPayloadExpected);
		assertThat(targetStats.droppedTotal()).as("the broker let no bad frame through")
			.isEqualTo(this.clientPayloadExpected);
		assertThat(events.received()).hasSize((int) this.eventHandlerExpected);
		assertThat(typed.received()).hasSize((int) this.typedExpected).doesNotContainNull();
		assertThat(target.state()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(other.state()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(this.clientPayloadExpected).isPositive();

		other.emit("check.ping", "after the fuzz");
		assertThat(pings.awaitOne()).isEqualTo("after the fuzz");
		target.emit("check.pong", "still here");
		assertThat(pongs.awaitOne()).isEqualTo("still here");
		assertThat(this.broker.isRunning()).isTrue();
	}

	/**
	 * A peer of the publish socket may send frames that are not subscriptions. JeroMQ 0.6.0's PUB
	 * (unlike libzmq's) keeps each such frame in its XPub {@code pendingData} queue, which a PUB never
	 * reads: memory that grows without bound while any peer sends. The broker must not keep them.
	 * The queue is internal to JeroMQ, so the test reads it by reflection.
	 */
	@Test
	void framesSentUpstreamToThePublishSocketAreNotKept() throws Exception {
		int port = this.broker.port();
		ZMQ.Socket xsub = rawSocket(SocketType.XSUB, port + 1);
		xsub.setSndHWM(0);
		xsub.connect(Sockets.tcp("127.0.0.1", port + 1));
		int junk = 5_000;
		for (int i = 0; i < junk; i++) {
			send(xsub, "publisher.not-a-subscription", bytes("\u0002junk " + i));
		}
		// the PUB handles its peer's frames in order: once this subscription works, the junk was handled
		DEntryPoint sender = client(PayloadCodec.shared());
		sender.connect("127.0.0.1", port);
		List<byte[]> received = new ArrayList<>();
		Awaitility.await("the subscription sent after the junk is live")
			.atMost(TIMEOUT)
			.until(() -> {
				send(xsub, "publisher.subscribe", prefixed((byte) 1, bytes("upstream.")));
				sender.emit("upstream.probe", 1);
				byte[] frame = xsub.recv(ZMQ.DONTWAIT);
				while (frame != null) {
					received.add(frame);
					frame = xsub.hasReceiveMore() ? xsub.recv(0) : null;
				}
				return !received.isEmpty();
			});

		java.lang.reflect.Field publisherField = DEventBus.class.getDeclaredField("publisher");
		publisherField.setAccessible(true);
		Object base = ((ZMQ.Socket) publisherField.get(this.broker)).base();
		java.lang.reflect.Field pending = zmq.socket.pubsub.XPub.class.getDeclaredField("pendingData");
		pending.setAccessible(true);
		java.util.Collection<?> kept = (java.util.Collection<?>) pending.get(base);
		System.out.println("publish socket: " + base.getClass().getSimpleName() + " keeps " + kept.size() + " of "
				+ junk + " upstream frames sent");
		Awaitility.await("the broker lets go of what its publish socket was sent")
			.atMost(TIMEOUT)
			.until(kept::isEmpty);
		assertThat(this.broker.isRunning()).isTrue();
	}

	/**
	 * The client's own checks, behind a stand-in broker that relays nothing but the client's probes
	 * and publishes malformed messages under the topics the client subscribes to (a Python broker
	 * checks only the checksum, so a client must not rely on its broker's checks).
	 */
	@Test
	void aClientBehindAForeignBrokerCountsEveryMalformedMessage() throws Exception {
		long seed = Long.getLong("aiodistbus.fuzz.seed", System.nanoTime());
		double seconds = Double.parseDouble(System.getProperty("aiodistbus.fuzz.seconds", "8")) / 2;
		System.out.println("fuzz (client): seed=" + seed + " seconds=" + seconds);
		Random random = new Random(seed);
		ZMQ.Socket[] sockets = fakeBroker();
		ZMQ.Socket router = sockets[0];
		ZMQ.Socket pub = sockets[1];
		ZMQ.Socket pull = sockets[2];
		int port = Integer.parseInt(router.getLastEndpoint().substring(router.getLastEndpoint().lastIndexOf(':') + 1));
		DEntryPoint client = client(PayloadCodec.shared());
		Catcher<String> good = new Catcher<>();
		client.on("fuzz.good", String.class, good);
		java.util.concurrent.CompletableFuture<Void> connecting = java.util.concurrent.CompletableFuture
			.runAsync(() -> client.connect("127.0.0.1", port, Duration.ofSeconds(20)));
		ZMQ.Poller poller = this.raw.createPoller(2);
		poller.register(router, ZMQ.Poller.POLLIN);
		poller.register(pull, ZMQ.Poller.POLLIN);
		long connectDeadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!connecting.isDone() && System.nanoTime() - connectDeadline < 0) {
			poller.poll(50);
			serve(router, pub, pull);
		}
		connecting.get(1, java.util.concurrent.TimeUnit.SECONDS);
		poller.close();

		Map<DropReason, Long> expected = new EnumMap<>(DropReason.class);
		long deadline = System.nanoTime() + (long) (seconds * 1e9);
		for (int n = 0; n < MAX_MESSAGES / 10 && System.nanoTime() - deadline < 0; n++) {
			String type = "fuzz.good" + random.nextInt(100);
			byte[] topic = bytes(type);
			DropReason reason;
			switch (random.nextInt(7)) {
				case 0 -> {
					byte[][] frames = new byte[1 + random.nextInt(6)][];
					frames[0] = (random.nextInt(4) == 0) ? bytes(ReservedTopics.PULSE) : prefixed('f', bytes(
							"uzz.good" + new String(randomBytes(random, random.nextInt(16)), StandardCharsets.ISO_8859_1)));
					for (int i = 1; i < frames.length; i++) {
						frames[i] = randomBytes(random, random.nextInt(2049));
					}
					if (frames.length == 3 && Crc32s.verify(frames[1], frames[2])) {
						frames[2] = new byte[0];
					}
					notNative(frames);
					send(pub, "client.random" + frames.length, frames);
					reason = (frames.length == 3) ? DropReason.CHECKSUM : DropReason.FRAME_COUNT;
				}
				case 1 -> {
					byte[] json = envelope(random, type);
					byte[] crc = Crc32s.checksum(json);
					crc[random.nextInt(4)] ^= (byte) (1 + random.nextInt(255));
					send(pub, "client.wrong-crc", topic, json, crc);
					reason = DropReason.CHECKSUM;
				}
				case 2 -> {
					byte[] json = envelope(random, type);
					byte[] bad = BAD_UTF8[random.nextInt(BAD_UTF8.length)];
					int at = indexOf(json, "\"id\":\"") + 6 + random.nextInt(8);
					byte[] mutated = new byte[json.length + bad.length];
					System.arraycopy(json, 0, mutated, 0, at);
					System.arraycopy(bad, 0, mutated, at, bad.length);
					System.arraycopy(json, at, mutated, at + bad.length, json.length - at);
					send(pub, "client.bad-utf8", topic, mutated, Crc32s.checksum(mutated));
					reason = DropReason.UTF8;
				}
				case 3 -> {
					byte[] json = badJson(random, type);
					send(pub, "client.bad-json", topic, json, Crc32s.checksum(json));
					reason = DropReason.JSON;
				}
				case 4 -> {
					byte[] json = envelope(random, type);
					send(pub, "client.wrong-topic", bytes("fuzz.good-not-" + type), json, Crc32s.checksum(json));
					reason = DropReason.TOPIC_MISMATCH;
				}
				default -> {
					byte[] json = edit(random, envelope(random, type));
					reason = oracle(topic, json);
					send(pub, (reason != null) ? "client.mutated-invalid" : "client.mutated-valid", topic, json,
							Crc32s.checksum(json));
				}
			}
			if (reason != null) {
				expected.merge(reason, 1L, Long::sum);
			}
		}
		byte[] json = EventJson.write("fuzz.good", bytes("\"hello\""), "builtins.str", UUID.randomUUID().toString(),
				TIMESTAMP);
		send(pub, "client.good", bytes("fuzz.good"), json, Crc32s.checksum(json));

		assertThat(good.awaitOne()).isEqualTo("hello");
		Awaitility.await("the client counts every malformed message")
			.atMost(TIMEOUT)
			.until(() -> reachedAll(client.stats().dropped(), expected));
		Map<DropReason, Long> actual = nonZero(client.stats().dropped());
		System.out.println("fuzz (client): sent per kind " + this.sent + ", frames sent=" + this.framesSent
				+ ", client drops=" + actual);
		assertThat(actual).isEqualTo(expected);
		assertThat(good.received()).containsExactly("hello");
		assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
	}

	/** Binds a ROUTER, PUB and PULL on three consecutive free ports, as a broker does. */
	private ZMQ.Socket[] fakeBroker() {
		for (int attempt = 0; ; attempt++) {
			ZMQ.Socket router = this.raw.createSocket(SocketType.ROUTER);
			ZMQ.Socket pub = this.raw.createSocket(SocketType.PUB);
			ZMQ.Socket pull = this.raw.createSocket(SocketType.PULL);
			for (ZMQ.Socket socket : List.of(router, pub, pull)) {
				socket.setLinger(0);
				socket.setHandshakeIvl(Sockets.HANDSHAKE_INTERVAL_MS);
			}
			pub.setSndHWM(0);
			try {
				int port = router.bindToRandomPort("tcp://127.0.0.1", 20_000, 60_000);
				pub.bind(Sockets.tcp("127.0.0.1", port + 1));
				pull.bind(Sockets.tcp("127.0.0.1", port + 2));
				return new ZMQ.Socket[] { router, pub, pull };
			}
			catch (org.zeromq.ZMQException ex) {
				this.raw.destroySocket(router);
				this.raw.destroySocket(pub);
				this.raw.destroySocket(pull);
				if (attempt == 20) {
					throw ex;
				}
			}
		}
	}

	/** Answers handshakes and relays what the client pushes (its probes) back to it. */
	private static void serve(ZMQ.Socket router, ZMQ.Socket pub, ZMQ.Socket pull) {
		byte[] identity;
		while ((identity = router.recv(ZMQ.DONTWAIT)) != null) {
			List<byte[]> rest = new ArrayList<>();
			while (router.hasReceiveMore()) {
				rest.add(router.recv(0));
			}
			if (rest.size() == 1 && ReservedTopics.CONNECT.equals(new String(rest.get(0), StandardCharsets.UTF_8))) {
				router.sendMore(identity);
				router.send(ReservedTopics.HANDSHAKE);
			}
		}
		byte[] first;
		while ((first = pull.recv(ZMQ.DONTWAIT)) != null) {
			List<byte[]> frames = new ArrayList<>(List.of(first));
			while (pull.hasReceiveMore()) {
				frames.add(pull.recv(0));
			}
			for (int i = 0; i < frames.size(); i++) {
				pub.send(frames.get(i), (i < frames.size() - 1) ? ZMQ.SNDMORE : 0);
			}
		}
	}

	/**
	 * Keeps a random one-frame message from carrying the native format's marker by chance (the byte
	 * after its first NUL), so that it counts as a wrong frame count, as it is meant to.
	 */
	private static void notNative(byte[][] frames) {
		while (frames.length == 1 && NativeFrame.isNative(frames[0])) {
			for (int i = 0; i < frames[0].length; i++) {
				if (frames[0][i] == 0) {
					frames[0][i] = 1;
					break;
				}
			}
		}
	}

	/** Random frames and malformed events on the PULL socket; all must be dropped, most by a known reason. */
	private void fuzzCollector(Random random, ZMQ.Socket push) {
		String type = "fuzz.c" + random.nextInt(1000);
		switch (random.nextInt(14)) {
			case 12, 13 -> mutated(random, push);
			case 0, 1, 2 -> {
				int count = random.nextInt(7);
				byte[][] frames = new byte[Math.max(1, count)][];
				for (int i = 0; i < frames.length; i++) {
					frames[i] = randomBytes(random, random.nextInt(2049));
				}
				if (frames.length == 3 && Crc32s.verify(frames[1], frames[2])) {
					frames[2] = new byte[0];
				}
				notNative(frames);
				send(push, (count == 0) ? "collector.empty" : "collector.random" + count, frames);
				expectBroker((frames.length == 3) ? DropReason.CHECKSUM : DropReason.FRAME_COUNT);
			}
			case 3 -> {
				byte[] json = envelope(random, type);
				byte[] crc = randomBytes(random, (random.nextInt(4) == 0) ? random.nextInt(9) : 4);
				if (Crc32s.verify(json, crc)) {
					crc = new byte[0];
				}
				send(push, "collector.wrong-crc", bytes(type), json, crc);
				expectBroker(DropReason.CHECKSUM);
			}
			case 4 -> {
				byte[] json = envelope(random, type);
				byte[] bad = BAD_UTF8[random.nextInt(BAD_UTF8.length)];
				// inside the id string, so that only the encoding is wrong
				int at = indexOf(json, "\"id\":\"") + 6 + random.nextInt(8);
				byte[] mutated = new byte[json.length + bad.length];
				System.arraycopy(json, 0, mutated, 0, at);
				System.arraycopy(bad, 0, mutated, at, bad.length);
				System.arraycopy(json, at, mutated, at + bad.length, json.length - at);
				send(push, "collector.bad-utf8", bytes(type), mutated, Crc32s.checksum(mutated));
				expectBroker(DropReason.UTF8);
			}
			case 5, 6 -> {
				byte[] json = badJson(random, type);
				send(push, "collector.bad-json", bytes(type), json, Crc32s.checksum(json));
				expectBroker(DropReason.JSON);
			}
			case 7 -> {
				byte[] json = envelope(random, type);
				byte[] topic = switch (random.nextInt(4)) {
					case 0 -> bytes(type + "x");
					case 1 -> bytes("fuzz.");
					case 2 -> new byte[0];
					default -> randomBytes(random, 1 + random.nextInt(40));
				};
				send(push, "collector.wrong-topic", topic, json, Crc32s.checksum(json));
				expectBroker(DropReason.TOPIC_MISMATCH);
			}
			case 8 -> {
				byte[] json = EventJson.write(ReservedTopics.CLOSE, null, null, UUID.randomUUID().toString(), TIMESTAMP);
				send(push, "collector.reserved-close", bytes(ReservedTopics.CLOSE), json, Crc32s.checksum(json));
				expectBroker(DropReason.RESERVED);
			}
			case 9 -> {
				// every reserved type is the broker's to send (a client's probe pulse carries its id)
				String reserved = switch (random.nextInt(3)) {
					case 0 -> ReservedTopics.PULSE;
					case 1 -> ReservedTopics.HANDSHAKE;
					default -> ReservedTopics.PROBE_PREFIX + "nobody." + random.nextInt(100);
				};
				byte[] json = EventJson.write(reserved, null, null, UUID.randomUUID().toString(), TIMESTAMP);
				send(push, "collector.reserved-other", bytes(reserved), json, Crc32s.checksum(json));
				expectBroker(DropReason.RESERVED);
			}
			case 10 -> {
				byte[] json = envelope(random, type);
				if (random.nextBoolean()) {
					send(push, "collector.two-frames", bytes(type), json);
				}
				else {
					send(push, "collector.four-frames", bytes(type), json, Crc32s.checksum(json),
							randomBytes(random, random.nextInt(16)));
				}
				expectBroker(DropReason.FRAME_COUNT);
			}
			default -> {
				// a good event of a random type: relayed, and the catch-all client must cope with its type
				String randomType = randomType(random);
				byte[] json = EventJson.write(randomType, bytes("1"), "builtins.int", UUID.randomUUID().toString(),
						TIMESTAMP);
				send(push, "collector.random-type", bytes(randomType), json, Crc32s.checksum(json));
			}
		}
	}

	/**
	 * A valid event JSON, compact or laid out as Python writes it, with one to three random edits and
	 * a matching checksum. Some edits keep it valid; whether the broker must relay or drop it, and why,
	 * is decided by Jackson's tree model, independently of the broker's own readers.
	 */
	private void mutated(Random random, ZMQ.Socket push) {
		String type = "mut.c" + random.nextInt(1000);
		byte[] data = randomBytes(random, random.nextInt(24));
		String id = UUID.randomUUID().toString();
		byte[] json = switch (random.nextInt(3)) {
			case 0 -> EventJson.write(type, data, "builtins.bytes", id, TIMESTAMP);
			case 1 -> EventJson.write(type, data, "builtins.bytes", id, TIMESTAMP, "src-" + random.nextInt(9),
					1 + random.nextInt(1_000));
			default -> {
				StringBuilder python = new StringBuilder("{\"type\": \"").append(type).append("\", \"data\": [");
				for (int i = 0; i < data.length; i++) {
					python.append((i > 0) ? ", " : "").append(data[i] & 0xff);
				}
				yield bytes(python.append("], \"dtype\": \"builtins.bytes\", \"id\": \"").append(id)
					.append("\", \"timestamp\": \"").append(TIMESTAMP).append("\"}").toString());
			}
		};
		int edits = 1 + random.nextInt(3);
		for (int i = 0; i < edits; i++) {
			json = edit(random, json);
		}
		byte[] topic = bytes(type);
		DropReason expected = oracle(topic, json);
		send(push, (expected != null) ? "collector.mutated-invalid" : "collector.mutated-valid", topic, json,
				Crc32s.checksum(json));
		if (expected != null) {
			expectBroker(expected);
		}
	}

	private static byte[] edit(Random random, byte[] json) {
		String alphabet = " \n\t{}[],:\"0123456789-.eEtrufalsn\\/u";
		int at = random.nextInt(json.length + 1);
		byte[] result;
		switch (random.nextInt(6)) {
			case 0 -> {
				if (json.length == 0) {
					return json;
				}
				int from = Math.min(at, json.length - 1);
				result = new byte[json.length - 1];
				System.arraycopy(json, 0, result, 0, from);
				System.arraycopy(json, from + 1, result, from, json.length - from - 1);
			}
			case 1, 2 -> {
				byte[] inserted = (random.nextInt(3) == 0) ? bytes(" \r\n\t".substring(random.nextInt(4)))
						: new byte[] { (byte) alphabet.charAt(random.nextInt(alphabet.length())) };
				result = new byte[json.length + inserted.length];
				System.arraycopy(json, 0, result, 0, at);
				System.arraycopy(inserted, 0, result, at, inserted.length);
				System.arraycopy(json, at, result, at + inserted.length, json.length - at);
			}
			case 3 -> {
				if (at == json.length) {
					return json;
				}
				result = json.clone();
				result[at] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
			}
			case 4 -> {
				// a letter or digit written as a unicode escape: the same JSON text, another spelling
				int start = random.nextInt(json.length);
				int p = start;
				while (p < json.length && !Character.isLetterOrDigit(json[p])) {
					p++;
				}
				if (p == json.length) {
					return json;
				}
				byte[] escape = bytes(String.format("\\u%04x", json[p] & 0xff));
				result = new byte[json.length - 1 + escape.length];
				System.arraycopy(json, 0, result, 0, p);
				System.arraycopy(escape, 0, result, p, escape.length);
				System.arraycopy(json, p + 1, result, p + escape.length, json.length - p - 1);
			}
			default -> {
				int length = Math.min(1 + random.nextInt(12), json.length - Math.min(at, json.length));
				byte[] slice = java.util.Arrays.copyOfRange(json, Math.min(at, json.length), Math.min(at, json.length) + length);
				int to = random.nextInt(json.length + 1);
				result = new byte[json.length + slice.length];
				System.arraycopy(json, 0, result, 0, to);
				System.arraycopy(slice, 0, result, to, slice.length);
				System.arraycopy(json, to, result, to + slice.length, json.length - to);
			}
		}
		return result;
	}

	/**
	 * What the broker must do with an event message, decided from the wire protocol with Jackson's
	 * tree model: the reason to drop it, or {@code null} to relay it.
	 */
	private static DropReason oracle(byte[] topic, byte[] json) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(json));
		}
		catch (CharacterCodingException ex) {
			return DropReason.UTF8;
		}
		JsonNode tree;
		try {
			tree = ORACLE.readTree(json);
		}
		catch (IOException ex) {
			return DropReason.JSON;
		}
		if (tree == null || !tree.isObject() || !tree.path("type").isTextual() || !tree.path("id").isTextual()
				|| !tree.path("timestamp").isTextual() || !(tree.path("dtype").isTextual() || tree.path("dtype").isNull())
				|| !(tree.path("data").isNull() || isByteArray(tree.path("data")))) {
			return DropReason.JSON;
		}
		String type = tree.get("type").textValue();
		if (!java.util.Arrays.equals(topic, bytes(type))) {
			return DropReason.TOPIC_MISMATCH;
		}
		boolean probePulse = type.equals(ReservedTopics.PULSE) && tree.path("src").isTextual();
		return (ReservedTopics.isReserved(type) && !probePulse) ? DropReason.RESERVED : null;
	}

	private static boolean isByteArray(JsonNode node) {
		if (!node.isArray()) {
			return false;
		}
		for (JsonNode element : node) {
			if (!element.isInt() || element.intValue() < 0 || element.intValue() > 255) {
				return false;
			}
		}
		return true;
	}

	/** Well-formed envelopes that pass the broker, with payloads the client must decode or drop. */
	private void fuzzSubscriberPath(Random random, ZMQ.Socket push, String recordDtype) {
		String kind;
		String dtype;
		byte[] data;
		String timestamp = TIMESTAMP;
		int delivered = 1;
		boolean typedReceives = false;
		switch (random.nextInt(8)) {
			case 0 -> {
				kind = "sub.good-record";
				dtype = recordDtype;
				data = bytes("{\"name\":\"n" + random.nextInt() + "\",\"count\":" + random.nextInt() + "}");
				typedReceives = true;
			}
			case 1 -> {
				kind = "sub.record-garbage";
				dtype = recordDtype;
				data = prefixed('#', randomBytes(random, random.nextInt(2048)));
			}
			case 2 -> {
				kind = "sub.record-wrong-json";
				dtype = recordDtype;
				data = bytes(switch (random.nextInt(4)) {
					case 0 -> "{\"name\":\"x\",\"count\":\"abc" + random.nextInt(1000) + "\"}";
					case 1 -> "{\"count\":" + (3_000_000_000L + random.nextInt(1000)) + "}";
					case 2 -> "[" + random.nextInt() + "]";
					default -> "{\"name\":\"x\",\"count\":1";
				});
			}
			case 3 -> {
				kind = "sub.int-garbage";
				dtype = "builtins.int";
				data = prefixed('x', randomBytes(random, random.nextInt(64)));
			}
			case 4 -> {
				kind = "sub.str-garbage";
				dtype = "builtins.str";
				data = prefixed('#', randomBytes(random, random.nextInt(64)));
			}
			case 5 -> {
				kind = "sub.unknown-dtype";
				dtype = "fuzz.Unknown" + random.nextInt(10);
				data = prefixed('#', randomBytes(random, random.nextInt(256)));
			}
			case 6 -> {
				kind = "sub.random-bytes";
				dtype = "builtins.bytes";
				data = randomBytes(random, random.nextInt(256));
			}
			default -> {
				kind = "sub.bad-timestamp";
				dtype = recordDtype;
				data = bytes("{\"name\":\"n\",\"count\":1}");
				timestamp = "not a time " + random.nextInt(1000);
				delivered = 0;
			}
		}
		byte[] json = EventJson.write(TYPED, data, dtype, UUID.randomUUID().toString(), timestamp);
		send(push, kind, bytes(TYPED), json, Crc32s.checksum(json));
		this.eventHandlerExpected += delivered;
		if (typedReceives) {
			this.typedExpected++;
		}
		else {
			// a bad timestamp (dropped before any handler), or a payload undecodable to the typed handler's class
			this.clientPayloadExpected++;
		}
	}

	/** Random frames on the handshake socket, with the connect text now and then. */
	private void fuzzRouter(Random random, ZMQ.Socket dealer) {
		byte[] connect = bytes(ReservedTopics.CONNECT);
		switch (random.nextInt(4)) {
			case 0 -> {
				send(dealer, "router.connect", connect);
				this.connectsSent++;
			}
			case 1 -> send(dealer, "router.connect-and-more", connect, randomBytes(random, random.nextInt(64)));
			case 2 -> send(dealer, "router.connect-mangled", prefixed('x', connect));
			default -> {
				byte[][] frames = new byte[1 + random.nextInt(6)][];
				for (int i = 0; i < frames.length; i++) {
					frames[i] = randomBytes(random, random.nextInt(2049));
				}
				send(dealer, "router.random", frames);
			}
		}
	}

	/** Random subscriptions and cancellations, and now and then a frame that is neither. */
	private void fuzzPublisher(Random random, ZMQ.Socket xsub) {
		int choice = random.nextInt(20);
		if (choice == 0) {
			send(xsub, "publisher.not-a-subscription", prefixed((byte) (2 + random.nextInt(250)),
					randomBytes(random, random.nextInt(64))));
			return;
		}
		if (choice < 14 || this.subscribed.isEmpty()) {
			byte[] topic = (random.nextInt(8) == 0) ? randomBytes(random, random.nextInt(2049))
					: randomBytes(random, random.nextInt(32));
			if (this.subscribed.size() < 1_000) {
				this.subscribed.add(topic);
			}
			send(xsub, "publisher.subscribe", prefixed((byte) 1, topic));
		}
		else {
			byte[] topic = this.subscribed.remove(random.nextInt(this.subscribed.size()));
			send(xsub, "publisher.cancel", prefixed((byte) 0, topic));
		}
	}

	private void send(ZMQ.Socket socket, String kind, byte[]... frames) {
		for (int i = 0; i < frames.length; i++) {
			boolean more = i < frames.length - 1;
			assertThat(socket.send(frames[i], more ? ZMQ.SNDMORE : 0))
				.as("the broker keeps taking messages (%s)", kind)
				.isTrue();
		}
		this.framesSent += frames.length;
		this.sent.merge(kind, 1L, Long::sum);
	}

	private void expectBroker(DropReason reason) {
		this.brokerExpected.merge(reason, 1L, Long::sum);
	}

	/** A valid event JSON with a random payload. */
	private static byte[] envelope(Random random, String type) {
		return EventJson.write(type, randomBytes(random, random.nextInt(512)), "builtins.bytes",
				UUID.randomUUID().toString(), TIMESTAMP);
	}

	/** Event JSON that is certainly not a valid event object. */
	private static byte[] badJson(Random random, String type) {
		byte[] json = envelope(random, type);
		return switch (random.nextInt(8)) {
			case 0 -> java.util.Arrays.copyOf(json, random.nextInt(json.length));
			case 1 -> {
				byte[] copy = json.clone();
				copy[0] = (byte) "[ \"x1}".charAt(random.nextInt(6));
				yield copy;
			}
			case 2 -> {
				byte[] copy = java.util.Arrays.copyOf(json, json.length + 1);
				copy[json.length] = (byte) "x}]{,1\"".charAt(random.nextInt(7));
				yield copy;
			}
			case 3 -> bytes(switch (random.nextInt(5)) {
				case 0 -> "null";
				case 1 -> "[1,2,3]";
				case 2 -> "\"" + type + "\"";
				case 3 -> "42";
				default -> "";
			});
			case 4 -> bytes("{\"type\":\"" + type + "\",\"data\":[1],\"dtype\":\"builtins.bytes\",\"timestamp\":\""
					+ TIMESTAMP + "\"}");
			case 5 -> bytes("{\"type\":\"" + type + "\",\"data\":[" + (256 + random.nextInt(1000))
					+ "],\"dtype\":\"builtins.bytes\",\"id\":\"i\",\"timestamp\":\"" + TIMESTAMP + "\"}");
			case 6 -> bytes("{\"type\":" + random.nextInt() + ",\"data\":null,\"dtype\":null,\"id\":\"i\",\"timestamp\":\""
					+ TIMESTAMP + "\"}");
			default -> {
				// deeper than the parser's nesting limit (1,000), otherwise a valid event with an extra key
				int depth = 1_001 + random.nextInt(5_000);
				yield bytes("{\"type\":\"" + type + "\",\"x\":" + "[".repeat(depth) + "]".repeat(depth)
						+ ",\"data\":[],\"dtype\":\"builtins.bytes\",\"id\":\"i\",\"timestamp\":\"" + TIMESTAMP
						+ "\"}");
			}
		};
	}

	/** A random event type that no test handler but the catch-all listens to. */
	private static String randomType(Random random) {
		String alphabet = "ab.*. _-é€\u0000😀fz";
		StringBuilder type = new StringBuilder();
		int length = random.nextInt(24);
		while (type.length() < length) {
			type.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
					random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
		}
		String text = type.toString();
		return (text.startsWith("f") || text.startsWith("c") || text.startsWith("a")) ? "x" + text : text;
	}

	private static boolean reachedAll(Map<DropReason, Long> actual, Map<DropReason, Long> expected) {
		return expected.entrySet().stream().allMatch((entry) -> actual.get(entry.getKey()) >= entry.getValue());
	}

	private static Map<DropReason, Long> nonZero(Map<DropReason, Long> counts) {
		Map<DropReason, Long> result = new EnumMap<>(DropReason.class);
		counts.forEach((reason, count) -> {
			if (count > 0) {
				result.put(reason, count);
			}
		});
		return result;
	}

	private static byte[] randomBytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] prefixed(char first, byte[] rest) {
		return prefixed((byte) first, rest);
	}

	private static byte[] prefixed(byte first, byte[] rest) {
		byte[] bytes = new byte[rest.length + 1];
		bytes[0] = first;
		System.arraycopy(rest, 0, bytes, 1, rest.length);
		return bytes;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static int indexOf(byte[] haystack, String needle) {
		byte[] wanted = bytes(needle);
		outer: for (int i = 0; i <= haystack.length - wanted.length; i++) {
			for (int j = 0; j < wanted.length; j++) {
				if (haystack[i + j] != wanted[j]) {
					continue outer;
				}
			}
			return i;
		}
		throw new IllegalArgumentException(needle + " not found");
	}
}
