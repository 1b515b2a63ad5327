package io.aiodistbus.nats;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.contract.Greeting;
import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.event.Event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * A raw Python-format peer on a real ZeroMQ broker and a Java service on a real nats-server, joined by a
 * {@link NatsBridge} with {@code *} both ways: every payload kind crosses both ways exactly once, with its
 * dtype, id and bytes, and nothing circles back.
 */
class NatsBridgeTests {

	/** Python's bytes for each payload kind (str as Python's json writes it, ASCII), and the value in Java. */
	private static final Map<String, Object[]> KINDS = new LinkedHashMap<>();

	static {
		KINDS.put("str", new Object[] { "builtins.str", "\"h\\u00e9llo\"", "h\u00e9llo" });
		KINDS.put("bytes", new Object[] { "builtins.bytes", null, new byte[] { 0, 1, (byte) 0xff, 34, 92 } });
		KINDS.put("int", new Object[] { "builtins.int", "42", 42L });
		KINDS.put("float", new Object[] { "builtins.float", "0.5", 0.5 });
		KINDS.put("bool", new Object[] { "builtins.bool", "true", true });
		KINDS.put("dict", new Object[] { "builtins.dict", "{\"a\": [1, 2]}", Map.of("a", List.of(1, 2)) });
		KINDS.put("list", new Object[] { "builtins.list", "[\"x\", 1, false]", List.of("x", 1, false) });
		KINDS.put("none", new Object[] { "builtins.NoneType", "null", null });
		KINDS.put("record", new Object[] { "__main__.Greeting", "{\"name\": \"py\", \"count\": 7}", new Greeting("py", 7) });
	}

	private final DEventBus broker = new DEventBus(BrokerOptions.defaults().withPort(0));

	private final NatsServerProcess nats = NatsServerProcess.start();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@TempDir
	Path directory;

	@BeforeAll
	static void generousTimeouts() {
		Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
		Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
	}

	@AfterEach
	void closeEverything() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		this.broker.close();
		this.nats.close();
	}

	@Test
	void pythonPeerAndNatsServiceExchangeEveryPayloadKindOnceEachWay() {
		PythonPeer python = keep(new PythonPeer(this.broker.port()));
		NatsEntryPoint service = keep(new NatsEntryPoint(natsOptions()));
		List<Event> atService = new CopyOnWriteArrayList<>();
		service.on("*", atService::add);
		service.connect();
		NatsBridge bridge = keep(NatsBridge.open("127.0.0.1", this.broker.port(),
				ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)), natsOptions(), List.of("*"),
				List.of("*")));
		List<PythonPeer.Received> atPython = new ArrayList<>();
		python.receiveUntil(atPython, "ready", () -> service.emit("ready"));
		atPython.clear();
		int ready = atService.size();

		Map<String, String> pythonIds = new LinkedHashMap<>();
		Map<String, String> javaIds = new LinkedHashMap<>();
		for (Map.Entry<String, Object[]> kind : KINDS.entrySet()) {
			Object[] spec = kind.getValue();
			byte[] data = (spec[1] != null) ? ((String) spec[1]).getBytes(StandardCharsets.UTF_8) : (byte[]) spec[2];
			pythonIds.put("py." + kind.getKey(), python.send("py." + kind.getKey(), data, (String) spec[0]));
			javaIds.put("java." + kind.getKey(), service.emit("java." + kind.getKey(), spec[2]).id());
		}
		service.emit("barrier");
		python.receiveUntil(atPython, "barrier", () -> {
		});
		await().until(() -> atService.stream().filter((event) -> event.type().startsWith("py.")).count() == KINDS.size());
		// what circles would arrive within a round trip: one more barrier each way proves it did not
		python.send("barrier.python", "1".getBytes(StandardCharsets.UTF_8), "builtins.int");
		service.emit("barrier.java");
		python.receiveUntil(atPython, "barrier.java", () -> {
		});
		await().until(() -> atService.stream().anyMatch((event) -> event.type().equals("barrier.python")));

		PayloadCodec codec = PayloadCodec.shared();
		List<Event> received = atService.subList(ready, atService.size());
		for (Map.Entry<String, Object[]> kind : KINDS.entrySet()) {
			Object[] spec = kind.getValue();
			String pyType = "py." + kind.getKey();
			assertThat(received).filteredOn((event) -> event.type().equals(pyType)).singleElement().satisfies((event) -> {
				assertThat(event.id()).isEqualTo(pythonIds.get(pyType));
				assertThat(event.dtype()).isEqualTo(spec[0]);
				Object expected = spec[2];
				Class<?> target = (expected != null) ? expected.getClass() : Object.class;
				Object value = codec.convert(event, target);
				assertThat(value).as(pyType).isEqualTo(expected);
			});
			String javaType = "java." + kind.getKey();
			assertThat(received).filteredOn((event) -> event.type().equals(javaType)).hasSize(1);
			assertThat(atPython).filteredOn((event) -> event.type().equals(javaType)).singleElement().satisfies((event) -> {
				assertThat(event.id()).isEqualTo(javaIds.get(javaType));
				assertThat(event.dtype()).isEqualTo(spec[0]);
				byte[] expected = (spec[1] != null) ? pythonJson(spec[1]) : (byte[]) spec[2];
				assertThat(new String(event.data(), StandardCharsets.ISO_8859_1)).as(javaType)
					.isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
			});
			assertThat(atPython).filteredOn((event) -> event.type().equals(pyType)).as("the peer's own event, once")
				.hasSize(1);
		}
		assertThat(bridge.stats().connected()).isTrue();
		assertThat(bridge.stats().toNats()).as("the peer's kinds and its barrier").isEqualTo(KINDS.size() + 1);
		assertThat(bridge.stats().fromNats()).as("the service's kinds, its barriers and readies")
			.isGreaterThanOrEqualTo(KINDS.size() + 3);
		assertThat(bridge.brokerSide().stats().droppedTotal()).isZero();
		assertThat(bridge.natsSide().stats().droppedTotal()).isZero();
		assertThat(service.stats().droppedTotal()).isZero();
		assertThat(this.broker.stats().droppedTotal()).isZero();
	}

	@Test
	void commandLineOpensTheBridgeTheArgumentsDescribe() throws Exception {
		Path password = Files.writeString(this.directory.resolve("password"), "unused\n");
		assertThatIllegalArgumentException().isThrownBy(() -> NatsBridgeCommand.open(System.out, "--nats", this.nats.url()))
			.withMessage("--broker is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NatsBridgeCommand.open(System.out, "--broker", "127.0.0.1", "--nats", this.nats.url()))
			.withMessageStartingWith("--broker must be HOST:PORT");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NatsBridgeCommand.open(System.out, "--broker", "127.0.0.1:1", "--password", password.toString()))
			.withMessage("unknown argument --password");
		NatsEntryPoint service = keep(new NatsEntryPoint(natsOptions()));
		List<Event> atService = new CopyOnWriteArrayList<>();
		service.on("cmd.*", atService::add);
		service.connect();
		keep(NatsBridgeCommand.open(System.out, "--broker", "127.0.0.1:" + this.broker.port(), "--nats", this.nats.url(),
				"--to-nats", "cmd.*", "--from-nats", "other.*"));
		DEntryPoint client = keep(new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20))));
		client.connect("127.0.0.1", this.broker.port());

		Event sent = client.emit("cmd.hello", "from the broker");

		await().until(() -> atService.stream().anyMatch((event) -> event.id().equals(sent.id())));
	}

	/** Our codec writes JSON compactly, Python with {@code ", "}: the same values, compared compactly. */
	private static byte[] pythonJson(Object python) {
		return ((String) python).replace(", ", ",").replace(": ", ":").getBytes(StandardCharsets.UTF_8);
	}

	private NatsOptions natsOptions() {
		return NatsOptions.builder().servers(this.nats.url()).reconnect(false).build();
	}

	private <T extends AutoCloseable> T keep(T closeable) {
		this.closeables.add(0, closeable);
		return closeable;
	}
}
