package io.aiodistbus.broker;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.aiodistbus.broker.BrokerServer.ServeSettings;
import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.DEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker's HTTP port, in-process on free ports, read with the JDK's HTTP client while real
 * clients connect and emit.
 */
@Timeout(60)
class BrokerHttpTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	private final BrokerServer server = BrokerServer
		.start(new ServeSettings(BrokerOptions.defaults().withPort(0), "127.0.0.1", 0, null));

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void healthzShouldSayUpWhileTheBrokerServesAndDownAfter() throws Exception {
		HttpResponse<String> up = get("/healthz");
		assertThat(up.statusCode()).isEqualTo(200);
		assertThat(up.body()).isEqualTo("UP\n");
		this.server.broker().close();
		HttpResponse<String> down = get("/healthz");
		assertThat(down.statusCode()).isEqualTo(503);
		assertThat(down.body()).isEqualTo("DOWN\n");
	}

	@Test
	void metricsShouldCountConnectionsRelayedEventsAndTypes() throws Exception {
		assertThat(get("/metrics").body()).contains("aiodistbus_broker_up 1.0")
			.contains("aiodistbus_broker_relayed_total 0.0")
			.contains("aiodistbus_broker_dropped_total{reason=\"checksum\"} 0.0")
			.contains("aiodistbus_broker_refused_total 0.0");
		try (DEntryPoint sender = connect(); DEntryPoint receiver = connect()) {
			receiver.on("chat.*", (event) -> { });
			for (int i = 0; i < 25; i++) {
				sender.emit("chat.message", "hi " + i);
			}
			await().untilAsserted(() -> assertThat(get("/metrics").body())
				.contains("aiodistbus_broker_connections 2.0")
				.contains("aiodistbus_broker_relayed_total 25.0")
				.contains("aiodistbus_broker_events_total{type=\"chat.message\"} 25.0"));
		}
		await().untilAsserted(() -> assertThat(get("/metrics").body()).contains("aiodistbus_broker_connections 0.0"));
		assertThat(get("/metrics").headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain; version=0.0.4"));
	}

	@Test
	void statsShouldShowClientsTypesWithRatesDropsAndSubscriptions() throws Exception {
		try (DEntryPoint sender = connect(); DEntryPoint receiver = connect()) {
			receiver.on("orders.*", (event) -> {
			});
			for (int i = 0; i < 10; i++) {
				sender.emit("orders.created", Map.of("n", i));
			}
			sender.emit("orders.paid", 1);
			await().untilAsserted(() -> {
				JsonNode stats = this.json.readTree(get("/stats").body());
				assertThat(stats.get("running").asBoolean()).isTrue();
				assertThat(stats.get("connectedClients").asInt()).isEqualTo(2);
				assertThat(stats.get("clients")).hasSize(2).allSatisfy((client) -> {
					assertThat(client.get("address").asText()).startsWith("127.0.0.1:");
					assertThat(client.get("wireFormat").asText()).isEqualTo("native");
				});
				assertThat(stats.get("relayed").asLong()).isEqualTo(11);
				assertThat(stats.get("dropped").get("checksum").asLong()).isZero();
				JsonNode busiest = stats.get("types").get(0);
				assertThat(busiest.get("type").asText()).isEqualTo("orders.created");
				assertThat(busiest.get("count").asLong()).isEqualTo(10);
				// sampled once a second over a window of ten: the rate shows up within a second or two
				assertThat(busiest.get("perSecond").asDouble()).isPositive();
				assertThat(stats.get("relayedPerSecond").asDouble()).isPositive();
				assertThat(stats.get("subscriptions").get("native").get("orders.").asInt()).isEqualTo(1);
				assertThat(stats.get("subscriptions").get("python")).isEmpty();
			});
		}
	}

	@Test
	void eventsShouldStreamRecentAndLiveEventsOfAPattern() throws Exception {
		try (DEntryPoint sender = connect()) {
			sender.emit("chat.message", "before");
			sender.emit("other.thing", 1);
			await().until(() -> this.server.broker().stats().relayed() == 2);
			HttpResponse<InputStream> response = this.http.send(request("/events?pattern=chat.*"),
					HttpResponse.BodyHandlers.ofInputStream());
			assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
			BlockingQueue<String> lines = new LinkedBlockingQueue<>();
			Thread reader = new Thread(() -> {
				try (BufferedReader in = new BufferedReader(
						new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
					in.lines().filter((line) -> line.startsWith("data: ")).forEach(lines::add);
				}
				catch (Exception ex) {
					// closed at the end of the test
				}
			});
			reader.setDaemon(true);
			reader.start();
			JsonNode recent = this.json.readTree(next(lines));
			assertThat(recent.get("type").asText()).isEqualTo("chat.message");
			assertThat(recent.get("data").asText()).isEqualTo("before");
			sender.emit("other.thing", 2);
			sender.emit("chat.message", "live", null, Map.of("trace", "t1"));
			JsonNode live = this.json.readTree(next(lines));
			assertThat(live.get("data").asText()).isEqualTo("live");
			assertThat(live.get("headers").get("trace").asText()).isEqualTo("t1");
			response.body().close();
		}
	}

	@Test
	void badPatternAndUnknownPathShouldBeRefused() throws Exception {
		assertThat(get("/events?pattern=a..b").statusCode()).isEqualTo(400);
		assertThat(get("/nothing").statusCode()).isEqualTo(404);
	}

	private static String next(BlockingQueue<String> lines) throws InterruptedException {
		String line = lines.poll(10, TimeUnit.SECONDS);
		assertThat(line).as("a server-sent event").isNotNull();
		return line.substring("data: ".length());
	}

	private DEntryPoint connect() {
		DEntryPoint client = new DEntryPoint();
		client.connect("127.0.0.1", this.server.broker().port(), Duration.ofSeconds(10));
		return client;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(request(path), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.server.httpPort() + path))
			.timeout(Duration.ofSeconds(10))
			.build();
	}

}
