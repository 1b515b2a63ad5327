package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.contract.Catcher;
import io.aiodistbus.event.Event;
import io.aiodistbus.event.ReservedTopics;

import static io.aiodistbus.distributed.PyFrames.crc;
import static io.aiodistbus.distributed.PyFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Native clients, Python-format clients and a raw Python peer on one broker: each gets every event in
 * its own format, headers included, and the broker translates only while a peer of the other format
 * subscribes.
 */
class MixedFormatTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final DEventBus broker = new DEventBus();

	private final ZContext zmq = new ZContext();

	private final List<DEntryPoint> clients = new ArrayList<>();

	@BeforeAll
	static void generousTimeouts() {
		Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
		Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
	}

	@AfterEach
	void close() {
		this.clients.forEach(DEntryPoint::close);
		this.zmq.close();
		this.broker.close();
	}

	@Test
	void nativePeersAloneCostNoTranslation() {
		Catcher<Event> received = new Catcher<>();
		DEntryPoint receiver = client(WireFormat.NATIVE);
		receiver.on("demo.*", received);
		connect(receiver);
		DEntryPoint sender = connected(WireFormat.NATIVE);

		for (int i = 0; i < 100; i++) {
			sender.emit("demo.n", i, null, Map.of("n", Integer.toString(i)));
		}

		List<Event> events = received.awaitCount(100);
		for (int i = 0; i < 100; i++) {
			assertThat(events.get(i).data()).isEqualTo((long) i);
			assertThat(events.get(i).headers()).containsExactlyEntriesOf(Map.of("n", Integer.toString(i)));
		}
		assertThat(this.broker.stats().relayed()).isGreaterThanOrEqualTo(100);
		assertThat(this.broker.stats().translated()).isZero();
		assertThat(receiver.wireFormat()).isEqualTo(WireFormat.NATIVE);
	}

	@Test
	void pythonSubscriberGetsOnlyPythonFramesWithHeadersAsAKey() throws Exception {
		DEntryPoint sender = connected(WireFormat.NATIVE);
		ZMQ.Socket sub = pythonSubscriber();
		List<List<byte[]>> seen = awaitSubscribed(sub, sender);

		sender.emit("demo.h", "h\u00e9llo", null, Map.of("traceparent", "00-abc-01"));
		List<byte[]> frames = next(sub, "demo.h", seen);

		assertThat(frames).hasSize(3);
		assertThat(frames.get(2)).isEqualTo(crc(frames.get(1)));
		JsonNode event = JSON.readTree(frames.get(1));
		assertThat(event.get("type").asText()).isEqualTo("demo.h");
		assertThat(event.get("dtype").asText()).isEqualTo("builtins.str");
		assertThat(event.get("data").isArray()).isTrue();
		byte[] data = new byte[event.get("data").size()];
		for (int i = 0; i < data.length; i++) {
			data[i] = (byte) event.get("data").get(i).asInt();
		}
		assertThat(JSON.readTree(data).asText()).isEqualTo("h\u00e9llo");
		assertThat(event.get("headers").get("traceparent").asText()).isEqualTo("00-abc-01");
		assertThat(seen).allSatisfy((message) -> {
			assertThat(message).as("a Python peer's message").hasSize(3);
			assertThat(message.get(2)).isEqualTo(crc(message.get(1)));
		});
		assertThat(this.broker.stats().translated()).isPositive();
	}

	@Test
	void pythonPeerAndBothKindsOfClientShareEveryEvent() {
		Catcher<Event> atNative = new Catcher<>();
		Catcher<Event> atPython = new Catcher<>();
		DEntryPoint nativeClient = client(WireFormat.NATIVE);
		nativeClient.on("demo.*", atNative);
		connect(nativeClient);
		DEntryPoint pythonClient = client(WireFormat.PYTHON);
		pythonClient.on("demo.*", atPython);
		connect(pythonClient);
		ZMQ.Socket push = this.zmq.createSocket(SocketType.PUSH);
		push.setLinger(0);
		push.connect("tcp://127.0.0.1:" + (this.broker.port() + 2));

		PyFrames.send(push, PyFrames.golden("demo.text"));
		Event fromNative = nativeClient.emit("demo.native", "n", null, Map.of("from", "native"));
		Event fromPython = pythonClient.emit("demo.python", "p", null, Map.of("from", "python"));

		for (Catcher<Event> catcher : List.of(atNative, atPython)) {
			List<Event> events = catcher.awaitCount(3);
			assertThat(events).extracting(Event::type)
				.containsExactlyInAnyOrder("demo.text", "demo.native", "demo.python");
			assertThat(events).filteredOn((e) -> e.type().equals("demo.text"))
				.singleElement()
				.satisfies((e) -> {
					assertThat(e.data()).isEqualTo("h\u00e9llo");
					assertThat(e.headers()).isEmpty();
				});
			assertThat(events).filteredOn((e) -> e.id().equals(fromNative.id()))
				.singleElement()
				.satisfies((e) -> assertThat(e.headers()).containsExactlyEntriesOf(Map.of("from", "native")));
			assertThat(events).filteredOn((e) -> e.id().equals(fromPython.id()))
				.singleElement()
				.satisfies((e) -> assertThat(e.headers()).containsExactlyEntriesOf(Map.of("from", "python")));
		}
		assertThat(nativeClient.wireFormat()).isEqualTo(WireFormat.NATIVE);
		assertThat(pythonClient.wireFormat()).isEqualTo(WireFormat.PYTHON);
		assertThat(this.broker.stats().droppedTotal()).isZero();
		assertThat(nativeClient.stats().droppedTotal()).isZero();
		assertThat(pythonClient.stats().droppedTotal()).isZero();
	}

	@Test
	void theBrokerTellsWhichPrefixesEachFormatSubscribes() {
		DEntryPoint nativeClient = client(WireFormat.NATIVE);
		nativeClient.on("demo.*", (event) -> {
		});
		connect(nativeClient);
		DEntryPoint pythonClient = client(WireFormat.PYTHON);
		pythonClient.on("demo.x", (event) -> {
		});
		connect(pythonClient);

		await().untilAsserted(() -> {
			assertThat(this.broker.subscriptions().get(WireFormat.NATIVE)).containsEntry("demo.", 1)
				.containsEntry(ReservedTopics.PULSE, 1)
				.doesNotContainKey("demo.x");
			assertThat(this.broker.subscriptions().get(WireFormat.PYTHON)).containsEntry("demo.x", 1)
				.containsEntry(ReservedTopics.PULSE, 1);
		});
		pythonClient.close();
		await().untilAsserted(() -> assertThat(this.broker.subscriptions().get(WireFormat.PYTHON)).isEmpty());
	}

	private DEntryPoint client(WireFormat format) {
		DEntryPoint client = new DEntryPoint(
				ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)).withWireFormat(format));
		this.clients.add(client);
		return client;
	}

	private void connect(DEntryPoint client) {
		client.connect("127.0.0.1", this.broker.port());
	}

	private DEntryPoint connected(WireFormat format) {
		DEntryPoint client = client(format);
		connect(client);
		return client;
	}

	/** A raw SUB on the broker's Python publish socket, subscribed to everything, as Python's on("*"). */
	private ZMQ.Socket pythonSubscriber() {
		ZMQ.Socket sub = this.zmq.createSocket(SocketType.SUB);
		sub.setLinger(0);
		sub.setHandshakeIvl(500);
		sub.setReceiveTimeOut(100);
		sub.subscribe(new byte[0]);
		sub.connect("tcp://127.0.0.1:" + (this.broker.port() + 1));
		return sub;
	}

	/**
	 * A subscription reaches the broker some time after connect: emits a marker until the subscriber
	 * sees one. @return every message the subscriber saw
	 */
	private List<List<byte[]>> awaitSubscribed(ZMQ.Socket sub, DEntryPoint sender) {
		List<List<byte[]>> seen = new ArrayList<>();
		await().until(() -> {
			sender.emit("demo.ready");
			for (List<byte[]> message = PyFrames.receive(sub); message != null; message = PyFrames.receive(sub)) {
				seen.add(message);
				if (new String(message.get(0), StandardCharsets.UTF_8).equals("demo.ready")) {
					return true;
				}
			}
			return false;
		});
		return seen;
	}

	/** @return the next message of the type, adding every message on the way to {@code seen} */
	private static List<byte[]> next(ZMQ.Socket sub, String type, List<List<byte[]>> seen) {
		AtomicReference<List<byte[]>> found = new AtomicReference<>();
		await().until(() -> {
			List<byte[]> message = PyFrames.receive(sub);
			if (message == null) {
				return false;
			}
			seen.add(message);
			String topic = new String(message.get(0), StandardCharsets.UTF_8);
			if (topic.equals(type)) {
				found.set(message);
				return true;
			}
			assertThat(topic.equals("demo.ready") || topic.startsWith(ReservedTopics.PREFIX))
				.as("unexpected topic %s", topic).isTrue();
			return false;
		});
		return found.get();
	}
}
