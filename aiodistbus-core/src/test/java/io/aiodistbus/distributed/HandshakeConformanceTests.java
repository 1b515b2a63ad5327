package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.DropReason;
import io.aiodistbus.contract.Catcher;
import io.aiodistbus.event.Event;
import io.aiodistbus.event.ReservedTopics;

import static io.aiodistbus.distributed.PyFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handshake and the event frames, byte for byte as Python aiodistbus speaks them: a raw DEALER
 * against our broker, our client against a fake Python broker (three raw sockets that relay verbatim
 * and check nothing, so the client's own checks are all that stands between bad frames and its
 * handlers), and a raw SUB watching our broker's pulse and close.
 */
class HandshakeConformanceTests {

	private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}";

	private static final ObjectMapper JSON = new ObjectMapper();

	@BeforeAll
	static void generousTimeouts() {
		Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
		Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
	}

	@Test
	void brokerAnswersARawDealerWithExactlyTheHandshakeFrame() {
		try (DEventBus broker = new DEventBus(); ZContext zmq = new ZContext()) {
			ZMQ.Socket dealer = zmq.createSocket(SocketType.DEALER);
			dealer.setLinger(0);
			dealer.setHandshakeIvl(500);
			dealer.setReceiveTimeOut(20_000);
			dealer.setIdentity(utf8(UUID.randomUUID().toString()));
			dealer.connect("tcp://127.0.0.1:" + broker.port());

			// other text on the handshake socket is ignored, as by Python's broker: no answer precedes
			// the answers to the two connects
			dealer.send("hello");
			dealer.send(ReservedTopics.CONNECT);
			dealer.send(ReservedTopics.CONNECT);

			for (int i = 0; i < 2; i++) {
				List<byte[]> reply = PyFrames.receive(dealer);
				assertThat(reply).as("reply %d", i).isNotNull();
				assertThat(reply).hasSize(1);
				assertThat(new String(reply.get(0), StandardCharsets.UTF_8)).isEqualTo(ReservedTopics.HANDSHAKE);
			}
			assertThat(broker.stats().handshakes()).isEqualTo(2);
		}
	}

	@Test
	void clientSpeaksPythonsHandshakeAndEventFramesToAPythonBroker() throws Exception {
		try (FakePythonBroker fake = new FakePythonBroker(); DEntryPoint client = newClient()) {
			client.connect("127.0.0.1", fake.port());

			// the offer of the native format, which a Python broker ignores, comes first
			List<byte[]> offer = fake.handshakeRequests.poll(20, TimeUnit.SECONDS);
			assertThat(offer).isNotNull();
			assertThat(offer).hasSize(2);
			assertThat(offer.get(1)).isEqualTo(utf8(ReservedTopics.NATIVE_OFFER));
			List<byte[]> request = fake.handshakeRequests.poll(20, TimeUnit.SECONDS);
			assertThat(request).isNotNull();
			assertThat(request).hasSize(2);
			assertThat(request.get(0)).isEqualTo(utf8(client.id()));
			assertThat(request.get(1)).isEqualTo(utf8(ReservedTopics.CONNECT));
			assertThat(client.wireFormat()).isEqualTo(WireFormat.PYTHON);

			Event emitted = client.emit("demo.int", 42);

			List<byte[]> frames = fake.awaitPulled("demo.int", 20);
			assertThat(frames).hasSize(3);
			assertThat(frames.get(0)).isEqualTo(utf8("demo.int"));
			JsonNode json = JSON.readTree(frames.get(1));
			// the five wire keys in Python's order, then our publisher stamp, which Python ignores
			assertThat(fieldNames(json)).containsExactly("type", "data", "dtype", "id", "timestamp", "src", "seq");
			assertThat(json.get("src").textValue()).isEqualTo(client.id());
			assertThat(json.get("seq").longValue()).isEqualTo(1);
			assertThat(json.get("type").textValue()).isEqualTo("demo.int");
			assertThat(json.get("data").isArray()).isTrue();
			assertThat(json.get("data")).extracting(JsonNode::intValue).containsExactly(52, 50);
			assertThat(json.get("dtype").textValue()).isEqualTo("builtins.int");
			assertThat(json.get("id").textValue()).isEqualTo(emitted.id());
			assertThat(UUID.fromString(json.get("id").textValue()).version()).isEqualTo(4);
			assertThat(json.get("timestamp").textValue()).matches(TIMESTAMP);
			assertThat(frames.get(2)).hasSize(4).isEqualTo(PyFrames.crc(frames.get(1)));
		}
	}

	@Test
	void clientEncodesPayloadsToTheBytesPythonWrites() throws Exception {
		try (FakePythonBroker fake = new FakePythonBroker(); DEntryPoint client = newClient()) {
			client.connect("127.0.0.1", fake.port());

			client.emit("demo.text", "h\u00e9llo");
			client.emit("demo.int", 42);
			client.emit("demo.none");

			for (String type : List.of("demo.text", "demo.int", "demo.none")) {
				JsonNode ours = JSON.readTree(fake.awaitPulled(type, 20).get(1));
				JsonNode python = JSON.readTree(PyFrames.golden(type).get(1));
				assertThat(ours.get("data")).as("data of %s", type).isEqualTo(python.get("data"));
				assertThat(ours.get("dtype")).as("dtype of %s", type).isEqualTo(python.get("dtype"));
			}
		}
	}

	static Stream<PyFrames.Bad> badFrames() {
		return PyFrames.badFrames("demo.bad").stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badFrames")
	void clientDropsBadFramesThatAPythonBrokerRelays(PyFrames.Bad input) throws Exception {
		try (FakePythonBroker fake = new FakePythonBroker(); DEntryPoint client = newClient();
				ZContext zmq = new ZContext()) {
			Catcher<Event> bad = new Catcher<>();
			Catcher<String> good = new Catcher<>();
			client.on("demo.bad", bad);
			client.on("demo.sneaky", bad);
			client.on("demo.good", String.class, good);
			client.connect("127.0.0.1", fake.port());
			ZMQ.Socket push = zmq.createSocket(SocketType.PUSH);
			push.setLinger(0);
			push.setHandshakeIvl(500);
			push.connect("tcp://127.0.0.1:" + (fake.port() + 2));

			PyFrames.send(push, input.frames());
			// one connection, one relay thread, one subscriber: the good event arrives after the bad one
			PyFrames.send(push, PyFrames.event("demo.good", utf8("\"after\""), "builtins.str"));

			assertThat(good.awaitOne()).isEqualTo("after");
			assertThat(fake.awaitPulled("demo.good", 20)).hasSize(3);
			assertThat(client.stats().dropped()).containsEntry(input.reason(), 1L);
			assertThat(client.stats().droppedTotal()).isEqualTo(1);
			assertThat(bad.received()).isEmpty();
			assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
		}
	}

	@Test
	void clientCountsEveryBadFrameInARowAndServesOn() throws Exception {
		try (FakePythonBroker fake = new FakePythonBroker(); DEntryPoint client = newClient();
				ZContext zmq = new ZContext()) {
			Catcher<String> good = new Catcher<>();
			client.on("demo.*", String.class, good);
			client.connect("127.0.0.1", fake.port());
			ZMQ.Socket push = zmq.createSocket(SocketType.PUSH);
			push.setLinger(0);
			push.setHandshakeIvl(500);
			push.connect("tcp://127.0.0.1:" + (fake.port() + 2));

			for (PyFrames.Bad input : PyFrames.badFrames("demo.bad")) {
				PyFrames.send(push, input.frames());
			}
			PyFrames.send(push, PyFrames.event("demo.good", utf8("\"after\""), "builtins.str"));

			assertThat(good.awaitOne()).isEqualTo("after");
			assertThat(client.stats().dropped()).containsEntry(DropReason.CHECKSUM, 1L)
				.containsEntry(DropReason.FRAME_COUNT, 2L)
				.containsEntry(DropReason.JSON, 1L)
				.containsEntry(DropReason.UTF8, 1L)
				.containsEntry(DropReason.TOPIC_MISMATCH, 1L);
			assertThat(client.stats().droppedTotal()).isEqualTo(6);
			assertThat(good.received()).containsExactly("after");
		}
	}

	@Test
	void brokerPulseAndCloseCarryNullDataAndDtype() throws Exception {
		DEventBus broker = new DEventBus(BrokerOptions.defaults().withPulse(Duration.ofMillis(100)));
		try (ZContext zmq = new ZContext()) {
			ZMQ.Socket sub = zmq.createSocket(SocketType.SUB);
			sub.setLinger(0);
			sub.setHandshakeIvl(500);
			sub.setReceiveTimeOut(20_000);
			sub.subscribe(ReservedTopics.PREFIX);
			sub.connect("tcp://127.0.0.1:" + (broker.port() + 1));

			assertReservedFrames(receiveTopic(sub, ReservedTopics.PULSE), ReservedTopics.PULSE);

			broker.close();

			assertReservedFrames(receiveTopic(sub, ReservedTopics.CLOSE), ReservedTopics.CLOSE);
		}
		finally {
			broker.close();
		}
	}

	private static List<byte[]> receiveTopic(ZMQ.Socket sub, String topic) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			List<byte[]> message = PyFrames.receive(sub);
			assertThat(message).as("a message before the receive timeout").isNotNull();
			if (new String(message.get(0), StandardCharsets.UTF_8).equals(topic)) {
				return message;
			}
			assertThat(new String(message.get(0), StandardCharsets.UTF_8)).isEqualTo(ReservedTopics.PULSE);
		}
		throw new AssertionError("no " + topic + " within 20 s");
	}

	private static void assertReservedFrames(List<byte[]> frames, String type) throws Exception {
		assertThat(frames).hasSize(3);
		assertThat(frames.get(0)).isEqualTo(utf8(type));
		JsonNode json = JSON.readTree(frames.get(1));
		assertThat(fieldNames(json)).containsExactly("type", "data", "dtype", "id", "timestamp");
		assertThat(json.get("type").textValue()).isEqualTo(type);
		assertThat(json.get("data").isNull()).as("data is null").isTrue();
		assertThat(json.get("dtype").isNull()).as("dtype is null").isTrue();
		assertThat(UUID.fromString(json.get("id").textValue()).version()).isEqualTo(4);
		assertThat(json.get("timestamp").textValue()).matches(TIMESTAMP);
		assertThat(frames.get(2)).isEqualTo(PyFrames.crc(frames.get(1)));
	}

	private static List<String> fieldNames(JsonNode json) {
		List<String> names = new ArrayList<>();
		for (Iterator<String> it = json.fieldNames(); it.hasNext();) {
			names.add(it.next());
		}
		return names;
	}

	private static DEntryPoint newClient() {
		return new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)));
	}
}
