package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.DropReason;
import io.aiodistbus.codec.RawPayload;
import io.aiodistbus.contract.Catcher;
import io.aiodistbus.contract.Greeting;
import io.aiodistbus.event.Event;

import static io.aiodistbus.distributed.PyFrames.crc;
import static io.aiodistbus.distributed.PyFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the broker does with bad input on its PULL socket: a raw PUSH socket sends each kind of bad
 * message; the broker must drop it, count it under the right reason, relay nothing of it, and go on
 * serving real clients. Also frames written exactly as Python writes them, pushed raw.
 */
class BrokerInputTests {

	private static final String GOOD = "demo.good";

	private final DEventBus broker = new DEventBus();

	private final ZContext zmq = new ZContext();

	private ZMQ.Socket push;

	private DEntryPoint sender;

	private DEntryPoint receiver;

	private final Catcher<String> good = new Catcher<>();

	@BeforeAll
	static void generousTimeouts() {
		Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
		Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
	}

	@BeforeEach
	void connect() {
		this.push = this.zmq.createSocket(SocketType.PUSH);
		this.push.setLinger(0);
		this.push.setHandshakeIvl(500);
		this.push.connect("tcp://127.0.0.1:" + (this.broker.port() + 2));
		this.receiver = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)));
		this.receiver.on(GOOD, String.class, this.good);
		this.receiver.connect("127.0.0.1", this.broker.port());
		this.sender = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)));
		this.sender.connect("127.0.0.1", this.broker.port());
	}

	@AfterEach
	void close() {
		this.sender.close();
		this.receiver.close();
		this.zmq.close();
		this.broker.close();
	}

	static Stream<Arguments> badInputs() {
		// the topic of a subscribed type, so that anything relayed would reach the receiver
		List<PyFrames.Bad> bad = new ArrayList<>(PyFrames.badFrames(GOOD));
		bad.add(new PyFrames.Bad("client-pushed close", PyFrames.golden("aiodistbus.eventbus.close"),
				DropReason.RESERVED));
		return bad.stream().map((input) -> Arguments.of(input.name(), input.frames(), input.reason()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badInputs")
	void badInputIsDroppedCountedAndNotRelayed(String name, List<byte[]> frames, DropReason reason) {
		PyFrames.send(this.push, frames);
		// the same connection goes on: a good Python event right behind the bad one is relayed
		PyFrames.send(this.push, PyFrames.event(GOOD, utf8("\"raw\""), "builtins.str"));

		await().until(() -> this.broker.stats().dropped().get(reason) == 1L);
		assertThat(this.good.awaitOne()).isEqualTo("raw");
		this.sender.emit(GOOD, name);

		assertThat(this.good.awaitCount(2)).containsExactly("raw", name);
		assertThat(this.broker.stats().droppedTotal()).isEqualTo(1);
		assertThat(this.receiver.stats().droppedTotal()).isZero();
		assertThat(this.receiver.state()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(this.sender.state()).isEqualTo(ConnectionState.CONNECTED);
	}

	@Test
	void everyBadInputInARowIsCountedByReason() {
		badInputs().forEach((arguments) -> {
			@SuppressWarnings("unchecked")
			List<byte[]> frames = (List<byte[]>) arguments.get()[1];
			PyFrames.send(this.push, frames);
		});
		this.sender.emit(GOOD, "after");

		await().until(() -> this.broker.stats().droppedTotal() == 7);
		assertThat(this.good.awaitOne()).isEqualTo("after");
		assertThat(this.broker.stats().dropped()).containsEntry(DropReason.CHECKSUM, 1L)
			.containsEntry(DropReason.FRAME_COUNT, 2L)
			.containsEntry(DropReason.JSON, 1L)
			.containsEntry(DropReason.UTF8, 1L)
			.containsEntry(DropReason.TOPIC_MISMATCH, 1L)
			.containsEntry(DropReason.RESERVED, 1L);
		assertThat(this.receiver.state()).isEqualTo(ConnectionState.CONNECTED);
	}

	@Test
	void pythonFrameIsDeliveredToTypedHandler() {
		List<byte[]> golden = PyFrames.golden("demo.text");
		assertThat(crc(golden.get(1))).isEqualTo(golden.get(2));
		Catcher<String> text = new Catcher<>();
		this.receiver.on("demo.text", String.class, text);

		PyFrames.send(this.push, golden);

		assertThat(text.awaitOne()).isEqualTo("h\u00e9llo");
		assertThat(this.broker.stats().droppedTotal()).isZero();
	}

	static Stream<Arguments> goldenFrames() {
		return Stream.of(Arguments.of("demo.text", String.class, "h\u00e9llo"),
				Arguments.of("demo.int", Integer.class, 42),
				Arguments.of("demo.greeting", Greeting.class, new Greeting("py", 7)),
				Arguments.of("demo.dict", Map.class, Map.of("a", List.of(1, 2))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("goldenFrames")
	<T> void everyGoldenPythonFrameReachesATypedHandler(String type, Class<T> payloadType, T expected) {
		Catcher<T> catcher = new Catcher<>();
		this.receiver.on(type, payloadType, catcher);

		PyFrames.send(this.push, PyFrames.golden(type));

		assertThat(catcher.awaitOne()).isEqualTo(expected);
	}

	@Test
	void goldenPythonFrameWithoutPayloadCallsAHandlerWithoutArgument() {
		CountDownLatch called = new CountDownLatch(1);
		Catcher<Object> payload = new Catcher<>();
		this.receiver.on("demo.none", called::countDown);
		this.receiver.on("demo.none", String.class, payload);

		PyFrames.send(this.push, PyFrames.golden("demo.none"));

		assertThat(payload.awaitCount(1)).containsExactly((Object) null);
		await().until(() -> called.getCount() == 0);
	}

	@Test
	void unknownDtypeReachesWholeEventHandlerAsRawPayload() {
		Catcher<Event> events = new Catcher<>();
		this.receiver.on("demo.unknown", events);

		PyFrames.send(this.push, PyFrames.event("demo.unknown", utf8("{\"x\": 1}"), "somepkg.Unknown"));

		Event event = events.awaitOne();
		assertThat(event.dtype()).isEqualTo("somepkg.Unknown");
		assertThat(event.data()).isInstanceOf(RawPayload.class);
		RawPayload raw = (RawPayload) event.data();
		assertThat(raw.dtype()).isEqualTo("somepkg.Unknown");
		assertThat(raw.json().get("x").isInt()).isTrue();
		assertThat(raw.json().get("x").asInt()).isEqualTo(1);
	}
}
