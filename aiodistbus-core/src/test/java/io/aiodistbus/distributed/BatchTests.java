package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.DropReason;
import io.aiodistbus.contract.Catcher;
import io.aiodistbus.event.Event;
import io.aiodistbus.internal.wire.NativeBatch;
import io.aiodistbus.internal.wire.NativeFrame;
import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;

import static io.aiodistbus.distributed.PyFrames.crc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batches of native events through a real broker: every kind of peer gets their events one by one, in
 * order, in its own format; a damaged event costs only itself; a burst of emits arrives whole.
 */
class BatchTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String TIME = "2026-12-06T12:00:00.123456";

	private final ZContext zmq = new ZContext();

	private final List<AutoCloseable> open = new ArrayList<>();

	private DEventBus broker = new DEventBus();

	@BeforeAll
	static void generousTimeouts() {
		Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
		Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
	}

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.open) {
			closeable.close();
		}
		this.zmq.close();
		this.broker.close();
	}

	@Test
	void aBatchReachesEveryKindOfPeerAsItsEventsInOrder() throws Exception {
		Catcher<Event> atNative = subscribed(WireFormat.NATIVE, "demo.b");
		Catcher<Event> atPython = subscribed(WireFormat.PYTHON, "demo.b");
		Catcher<Event> forwarded = forwarded("demo.b");
		ZMQ.Socket pythonSub = rawSubscriber(1);
		ZMQ.Socket nativeSub = rawSubscriber(3);
		awaitSubscribed(pythonSub, nativeSub);
		long relayedBefore = this.broker.stats().relayed();
		byte[] batch = batch("demo.b", 1, 2, 3);

		push().send(batch, 0);

		for (Catcher<Event> catcher : List.of(atNative, atPython, forwarded)) {
			List<Event> events = catcher.awaitCount(3);
			assertThat(events).extracting(Event::id).containsExactly("id-1", "id-2", "id-3");
			assertThat(events).extracting(Event::data).containsExactly(1L, 2L, 3L);
			assertThat(events).allSatisfy((event) -> assertThat(event.headers()).containsEntry("batch", "yes"));
		}
		List<byte[]> relayed = nextOf(nativeSub, "demo.b");
		assertThat(relayed).as("the batch, untouched, as one message").singleElement().isEqualTo(batch);
		for (int n = 1; n <= 3; n++) {
			List<byte[]> frames = nextOf(pythonSub, "demo.b");
			assertThat(frames).as("Python's three frames").hasSize(3);
			assertThat(frames.get(2)).isEqualTo(crc(frames.get(1)));
			JsonNode json = JSON.readTree(frames.get(1));
			assertThat(json.get("id").asText()).isEqualTo("id-" + n);
			assertThat(json.get("headers").get("batch").asText()).isEqualTo("yes");
		}
		assertThat(this.broker.stats().relayed() - relayedBefore).isEqualTo(3);
		assertThat(this.broker.stats().droppedTotal()).isZero();
	}

	@Test
	void aDamagedEventCostsOnlyItselfAndTheOthersGoOnAlone() {
		Catcher<Event> atNative = subscribed(WireFormat.NATIVE, "demo.d");
		ZMQ.Socket nativeSub = rawSubscriber(3);
		awaitSubscribed(nativeSub);
		byte[] batch = batch("demo.d", 1, 2, 3);
		// the last byte of the second event: its payload, under its checksum
		int secondEnd = batch.length - (4 + frame("demo.d", 3).length);
		batch[secondEnd - 1] ^= 0x01;

		push().send(batch, 0);

		List<Event> events = atNative.awaitCount(2);
		assertThat(events).extracting(Event::id).containsExactly("id-1", "id-3");
		assertThat(nextOf(nativeSub, "demo.d")).singleElement()
			.satisfies((frame) -> assertThat(NativeBatch.isBatch(frame)).isFalse());
		assertThat(nextOf(nativeSub, "demo.d")).singleElement()
			.satisfies((frame) -> assertThat(NativeFrame.decode(frame, new NativeFrame.Checker()).id()).isEqualTo("id-3"));
		await().untilAsserted(() -> assertThat(this.broker.stats().dropped()).containsEntry(DropReason.CHECKSUM, 1L));
	}

	@Test
	void aBatchOfReservedTypesIsRefused() {
		push().send(batch("aiodistbus.eventbus.close", 1, 2), 0);

		await().untilAsserted(() -> assertThat(this.broker.stats().dropped()).containsEntry(DropReason.RESERVED, 1L));
		assertThat(this.broker.stats().relayed()).isZero();
	}

	@Test
	void aBurstOfEmitsArrivesWholeAndInOrderInBothFormats() {
		Catcher<Event> atNative = subscribed(WireFormat.NATIVE, "demo.*");
		Catcher<Event> atPython = subscribed(WireFormat.PYTHON, "demo.*");
		Catcher<Event> forwarded = forwarded("demo.*");
		DEntryPoint sender = connected(WireFormat.NATIVE);
		int count = 20_000;

		for (int n = 0; n < count; n++) {
			sender.emit("demo.burst", n);
		}

		for (Catcher<Event> catcher : List.of(atNative, atPython, forwarded)) {
			List<Event> events = catcher.awaitCount(count);
			assertThat(events).hasSize(count);
			for (int n = 0; n < count; n++) {
				assertThat(events.get(n).data()).isEqualTo((long) n);
			}
		}
		assertThat(sender.stats().droppedTotal()).isZero();
		assertThat(this.broker.stats().droppedTotal()).isZero();
	}

	@Test
	void batchesKeepToTheBrokersSmallerMessageSizeLimit() {
		this.broker.close();
		this.broker = new DEventBus(BrokerOptions.defaults().withMaxMessageSize(2_048));
		Catcher<Event> received = subscribed(WireFormat.NATIVE, "demo.*");
		DEntryPoint sender = connected(WireFormat.NATIVE);
		String text = "x".repeat(300);
		int count = 5_000;

		for (int n = 0; n < count; n++) {
			sender.emit("demo.limit", text);
		}

		assertThat(received.awaitCount(count)).hasSize(count);
		assertThat(this.broker.stats().droppedTotal()).isZero();
		assertThat(sender.stats().reconnects()).isZero();
	}

	private Catcher<Event> subscribed(WireFormat format, String pattern) {
		Catcher<Event> catcher = new Catcher<>();
		DEntryPoint client = client(format);
		client.on(pattern, catcher);
		client.connect("127.0.0.1", this.broker.port());
		return catcher;
	}

	private DEntryPoint connected(WireFormat format) {
		DEntryPoint client = client(format);
		client.connect("127.0.0.1", this.broker.port());
		return client;
	}

	private DEntryPoint client(WireFormat format) {
		DEntryPoint client = new DEntryPoint(
				ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)).withWireFormat(format));
		this.open.add(client);
		return client;
	}

	private Catcher<Event> forwarded(String pattern) {
		Catcher<Event> catcher = new Catcher<>();
		EventBus bus = new EventBus();
		this.open.add(bus);
		LocalEntryPoint local = new LocalEntryPoint();
		local.on(pattern, catcher);
		local.connect(bus);
		this.broker.forward(bus, pattern);
		return catcher;
	}

	private ZMQ.Socket push() {
		ZMQ.Socket push = this.zmq.createSocket(SocketType.PUSH);
		push.setLinger(1_000);
		// JeroMQ 0.6.0 may leave a fresh connection without a handshake until this interval (spec notes)
		push.setHandshakeIvl(500);
		push.connect("tcp://127.0.0.1:" + (this.broker.port() + 2));
		return push;
	}

	/** A raw SUB on the broker's publish socket at port + offset, subscribed to {@code demo.}. */
	private ZMQ.Socket rawSubscriber(int offset) {
		ZMQ.Socket sub = this.zmq.createSocket(SocketType.SUB);
		sub.setLinger(0);
		sub.setHandshakeIvl(500);
		sub.setReceiveTimeOut(100);
		sub.subscribe("demo.".getBytes(StandardCharsets.UTF_8));
		sub.connect("tcp://127.0.0.1:" + (this.broker.port() + offset));
		return sub;
	}

	/** Emits a marker until every raw subscriber has seen one, and reads past it. */
	private void awaitSubscribed(ZMQ.Socket... subs) {
		DEntryPoint marker = connected(WireFormat.NATIVE);
		for (ZMQ.Socket sub : subs) {
			await().until(() -> {
				marker.emit("demo.ready");
				for (List<byte[]> message = PyFrames.receive(sub); message != null; message = PyFrames.receive(sub)) {
					if (new String(message.get(0), StandardCharsets.UTF_8).startsWith("demo.ready")) {
						return true;
					}
				}
				return false;
			});
		}
		marker.close();
	}

	/** @return the next message whose topic is the type, skipping markers */
	private static List<byte[]> nextOf(ZMQ.Socket sub, String type) {
		List<List<byte[]>> found = new ArrayList<>();
		await().until(() -> {
			List<byte[]> message = PyFrames.receive(sub);
			if (message != null && new String(message.get(0), StandardCharsets.UTF_8).startsWith(type + "\0")
					|| message != null && new String(message.get(0), StandardCharsets.UTF_8).equals(type)) {
				found.add(message);
				return true;
			}
			return false;
		});
		return found.get(0);
	}

	private static byte[] batch(String type, int... sequences) {
		NativeBatch.Builder builder = new NativeBatch.Builder(16 * 1024);
		for (int sequence : sequences) {
			builder.add(type.getBytes(StandardCharsets.UTF_8), frame(type, sequence));
		}
		return builder.take();
	}

	private static byte[] frame(String type, int sequence) {
		return NativeFrame.write(type.getBytes(StandardCharsets.UTF_8),
				Integer.toString(sequence).getBytes(StandardCharsets.UTF_8), "builtins.int", "id-" + sequence, TIME,
				"raw-publisher", sequence, Map.of("batch", "yes"));
	}
}
