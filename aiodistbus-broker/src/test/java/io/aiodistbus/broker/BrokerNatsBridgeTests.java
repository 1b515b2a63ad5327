package io.aiodistbus.broker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.aiodistbus.broker.BrokerProcessTests.BrokerProcesses;
import io.aiodistbus.broker.BrokerServer.ServeSettings;
import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.BrokerSecurity;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.CurveKeyPair;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.event.Event;
import io.aiodistbus.nats.NatsBridgeArgs;
import io.aiodistbus.nats.NatsEntryPoint;
import io.aiodistbus.nats.NatsOptions;
import io.aiodistbus.nats.NatsServerProcess;
import io.aiodistbus.nats.PythonPeer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge to NATS as operators run it from the broker's jar, in JVMs of their own against a real
 * nats-server: beside the broker ({@code --nats}), with a raw Python-format peer on the broker and a
 * Java service on NATS; and on its own ({@code bridge}) against a running broker. And a CURVE broker's
 * bridge, in-process.
 */
@Timeout(120)
class BrokerNatsBridgeTests {

	private static final Pattern LISTENING = Pattern.compile("aiodistbus broker on 127\\.0\\.0\\.1:(\\d+) ");

	private static final Pattern HTTP = Pattern.compile("aiodistbus broker http on http://127\\.0\\.0\\.1:(\\d+)/");

	private final NatsServerProcess nats = NatsServerProcess.start();

	private final List<String> output = new CopyOnWriteArrayList<>();

	private final HttpClient http = HttpClient.newHttpClient();

	private Process process;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.process != null) {
			this.process.destroy();
			this.process.waitFor();
		}
		this.nats.close();
	}

	@Test
	void brokerWithNatsCarriesPythonAndNatsEventsOnceEachWayAndShowsTheBridge() throws Exception {
		this.process = BrokerProcesses.start(this.output, "--port", "0", "--http-port", "0", "--nats", this.nats.url());
		int port = BrokerProcesses.awaitPort(this.output, LISTENING);
		int httpPort = BrokerProcesses.awaitPort(this.output, HTTP);
		assertThat(this.output).anyMatch((line) -> line.startsWith("aiodistbus bridge: broker 127.0.0.1:" + port
				+ " <-> NATS [" + this.nats.url() + "] under 'aiodistbus.' (to NATS: [*], from NATS: [*])"));
		try (PythonPeer python = new PythonPeer(port); NatsEntryPoint service = new NatsEntryPoint(natsOptions())) {
			exchangeOnceEachWay(python, service);
		}
		JsonNode bridge = new ObjectMapper().readTree(get(httpPort, "/stats").body()).get("natsBridge");
		assertThat(bridge.get("connected").asBoolean()).isTrue();
		assertThat(bridge.get("natsServer").asText()).endsWith(this.nats.url().substring("nats://".length()));
		assertThat(bridge.get("toNats").asLong()).as("py.greeting and its barrier").isEqualTo(2);
		assertThat(bridge.get("fromNats").asLong()).as("readies, java.greeting, its barrier").isGreaterThanOrEqualTo(3);
		assertThat(get(httpPort, "/metrics").body()).contains("aiodistbus_broker_bridge_connected 1.0")
			.contains("aiodistbus_broker_bridge_carried_total{direction=\"to_nats\"} 2.0");
		assertThat(get(httpPort, "/healthz").body()).isEqualTo("UP\nbridge to NATS connected\n");

		this.nats.close();
		// the broker serves on while the bridge reconnects
		await().untilAsserted(() -> assertThat(get(httpPort, "/healthz")).satisfies((health) -> {
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).startsWith("UP\nbridge to NATS not connected (broker side CONNECTED, NATS side ");
		}));
	}

	/** A Python event to NATS and a NATS event to Python, each arriving once and not coming back. */
	private static void exchangeOnceEachWay(PythonPeer python, NatsEntryPoint service) {
		List<Event> atService = new CopyOnWriteArrayList<>();
		service.on("*", atService::add);
		service.connect();
		List<PythonPeer.Received> atPython = new ArrayList<>();
		python.receiveUntil(atPython, "ready", () -> service.emit("ready"));

		String fromPython = python.send("py.greeting", "\"hi\"".getBytes(StandardCharsets.UTF_8), "builtins.str");
		String fromJava = service.emit("java.greeting", "hello").id();
		// what circles would arrive within a round trip: a barrier each way after them proves none did
		python.send("barrier.python", "1".getBytes(StandardCharsets.UTF_8), "builtins.int");
		service.emit("barrier.java");
		python.receiveUntil(atPython, "barrier.java", () -> {
		});
		await().until(() -> atService.stream().anyMatch((event) -> event.type().equals("barrier.python")));

		assertThat(atService).filteredOn((event) -> event.type().equals("py.greeting")).singleElement()
			.satisfies((event) -> {
				assertThat(event.id()).isEqualTo(fromPython);
				assertThat(event.data()).isEqualTo("hi");
			});
		assertThat(atService).filteredOn((event) -> event.type().equals("java.greeting")).as("no circle back").hasSize(1);
		assertThat(atPython).filteredOn((event) -> event.type().equals("java.greeting")).singleElement()
			.satisfies((event) -> {
				assertThat(event.id()).isEqualTo(fromJava);
				assertThat(new String(event.data(), StandardCharsets.UTF_8)).isEqualTo("\"hello\"");
			});
		assertThat(atPython).filteredOn((event) -> event.type().equals("py.greeting")).as("no circle back").hasSize(1);
	}

	@Test
	void bridgeCommandJoinsARunningBrokerToNatsByPattern() {
		try (DEventBus broker = new DEventBus(BrokerOptions.defaults().withPort(0));
				NatsEntryPoint service = new NatsEntryPoint(natsOptions().toBuilder().subjectPrefix("orders").build());
				DEntryPoint client = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)))) {
			bridgeByPattern(broker, service, client);
		}
	}

	private void bridgeByPattern(DEventBus broker, NatsEntryPoint service, DEntryPoint client) {
		this.process = BrokerProcesses.start(this.output, "bridge", "--broker", "127.0.0.1:" + broker.port(), "--nats",
				this.nats.url(), "--nats-subject-prefix", "orders", "--to-nats", "cmd.*", "--from-nats", "reply.*");
		String opened = "aiodistbus bridge: broker 127.0.0.1:" + broker.port() + " <-> NATS [" + this.nats.url()
				+ "] under 'orders.'";
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.output.stream().anyMatch((line) -> line.startsWith(opened)));
		List<Event> atService = new CopyOnWriteArrayList<>();
		service.on("*", atService::add);
		service.connect();
		List<Event> atClient = new CopyOnWriteArrayList<>();
		client.on("*", atClient::add);
		client.connect("127.0.0.1", broker.port());

		Event command = client.emit("cmd.ship", 7);
		client.emit("other.note", "stays on the broker");
		await().until(() -> atService.stream().anyMatch((event) -> event.id().equals(command.id())));
		Event reply = service.emit("reply.shipped", 7);
		service.emit("news.flash", "stays on NATS");
		await().until(() -> atClient.stream().anyMatch((event) -> event.id().equals(reply.id())));
		// a barrier each way, after everything else, before counting
		Event toNats = client.emit("cmd.barrier");
		Event fromNats = service.emit("reply.barrier");
		await().until(() -> atService.stream().anyMatch((event) -> event.id().equals(toNats.id()))
				&& atClient.stream().anyMatch((event) -> event.id().equals(fromNats.id())));

		assertThat(atService).extracting(Event::type).containsExactlyInAnyOrder("cmd.ship", "reply.shipped",
				"news.flash", "cmd.barrier", "reply.barrier");
		assertThat(atClient).extracting(Event::type).containsExactlyInAnyOrder("cmd.ship", "other.note",
				"reply.shipped", "cmd.barrier", "reply.barrier");
	}

	@Test
	void aCurveBrokerLetsItsOwnBridgeInWithAKeyMadeAtStart() {
		CurveKeyPair brokerKeys = CurveKeyPair.generate();
		BrokerOptions curve = BrokerOptions.defaults().withPort(0)
			.withSecurity(BrokerSecurity.curve(brokerKeys, CurveKeyPair.generate().publicKey()));
		try (BrokerServer server = BrokerServer.start(new ServeSettings(curve, "127.0.0.1", -1,
				NatsBridgeArgs.parse(Map.of("--nats", this.nats.url()))))) {
			assertThat(server.monitor().bridge()).hasValueSatisfying((bridge) -> assertThat(bridge.connected()).isTrue());
			assertThat(server.broker().stats().refusedConnections()).isZero();
		}
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private NatsOptions natsOptions() {
		return NatsOptions.builder().servers(this.nats.url()).reconnect(false).build();
	}

}
