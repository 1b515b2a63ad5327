package io.aiodistbus.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.aiodistbus.broker.BrokerServer.ServeSettings;
import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.DEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live page in a real browser (headless Chromium) against a broker with traffic: the rendered
 * page shows the connected clients, the types with their rates, and the tail of a pattern.
 */
@Timeout(120)
class LivePageBrowserTests {

	/** What the page shows, read from its DOM as the page's scripts left it. */
	private static final String SHOWN = """
			JSON.stringify({
			  status: document.getElementById('status').textContent,
			  clients: document.getElementById('clients').textContent,
			  clientList: [...document.querySelectorAll('#client-list tr')].map((row) => row.cells[0].textContent),
			  updated: document.getElementById('updated').textContent,
			  types: [...document.querySelectorAll('#types tr')].map((row) => [...row.cells].map((cell) => cell.textContent)),
			  drops: document.querySelectorAll('#drops tr').length,
			  tail: [...document.querySelectorAll('#tail li')].map((item) => item.textContent)
			})""";

	private final ObjectMapper json = new ObjectMapper();

	private final BrokerServer server = BrokerServer
		.start(new ServeSettings(BrokerOptions.defaults().withPort(0), "127.0.0.1", 0, null));

	private final ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();

	@TempDir
	Path dir;

	@AfterEach
	void close() throws InterruptedException {
		this.traffic.shutdownNow();
		this.traffic.awaitTermination(10, TimeUnit.SECONDS);
		this.server.close();
	}

	@Test
	void pageShouldShowLiveClientsRatesAndTheTailOfAPattern() throws Exception {
		try (DEntryPoint sensor = connect(); DEntryPoint listener = connect()) {
			listener.on("sensor.*", (event) -> { });
			sensor.emit("chat.message", "not in the tail");
			this.traffic.scheduleAtFixedRate(() -> sensor.emit("sensor.reading", 21.5), 0, 20, TimeUnit.MILLISECONDS);
			Path profile = Files.createDirectory(this.dir.resolve("profile"));
			String page = "http://127.0.0.1:" + this.server.httpPort() + "/?pattern=sensor.*";
			try (DevTools browser = DevTools.open(page, profile)) {
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					JsonNode shown = this.json.readTree(browser.evaluate(SHOWN));
					assertThat(shown.get("status").asText()).isEqualTo("UP");
					assertThat(shown.get("clients").asText()).isEqualTo("2");
					assertThat(shown.get("clientList")).hasSize(2)
						.allSatisfy((address) -> assertThat(address.asText()).startsWith("127.0.0.1:"));
					assertThat(shown.get("updated").asText()).isNotEqualTo("never");
					JsonNode busiest = shown.get("types").get(0);
					assertThat(busiest.get(0).asText()).isEqualTo("sensor.reading");
					assertThat(Long.parseLong(busiest.get(1).asText())).isPositive();
					assertThat(Double.parseDouble(busiest.get(2).asText())).as("sensor.reading per second").isPositive();
					assertThat(shown.get("drops").asInt()).isPositive();
					assertThat(shown.get("tail")).isNotEmpty()
						.allSatisfy((item) -> assertThat(item.asText()).contains("\"type\":\"sensor.reading\""));
				});
				Path screenshot = Path.of("target", "live-page.png");
				Files.write(screenshot, browser.screenshot());
				assertThat(Files.size(screenshot)).isPositive();
			}
		}
	}

	private DEntryPoint connect() {
		DEntryPoint client = new DEntryPoint();
		client.connect("127.0.0.1", this.server.broker().port(), Duration.ofSeconds(10));
		return client;
	}

}
