package io.aiodistbus.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.aiodistbus.distributed.DEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone broker as operators run it, in a JVM of its own: its log of clients, its HTTP port
 * (as {@code curl} would read it) and SIGUSR1.
 */
@Timeout(120)
class BrokerProcessTests {

	private static final Pattern LISTENING = Pattern.compile("aiodistbus broker on 127\\.0\\.0\\.1:(\\d+) ");

	private static final Pattern HTTP = Pattern.compile("aiodistbus broker http on http://127\\.0\\.0\\.1:(\\d+)/");

	private final List<String> output = new CopyOnWriteArrayList<>();

	private Process process;

	private int port;

	private int httpPort;

	@BeforeEach
	void start() {
		this.process = BrokerProcesses.start(this.output, "--port", "0", "--http-port", "0", "--pulse", "1s");
		this.port = BrokerProcesses.awaitPort(this.output, LISTENING);
		this.httpPort = BrokerProcesses.awaitPort(this.output, HTTP);
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.process.destroy();
		this.process.waitFor();
	}

	@Test
	void clientConnectsAndDisconnectsShouldBeLoggedAtInfo() {
		try (DEntryPoint client = new DEntryPoint()) {
			client.connect("127.0.0.1", this.port, Duration.ofSeconds(10));
			// named by the address the broker sees, read from the kernel's table of connections
			await().until(() -> this.output.stream().anyMatch((line) -> line.contains("INFO")
					&& line.matches(".*Client 127\\.0\\.0\\.1:\\d+ connected \\(native format; 1 connected now.*")));
		}
		await().until(() -> this.output.stream().anyMatch((line) -> line.contains("INFO")
				&& line.matches(".*Client 127\\.0\\.0\\.1:\\d+ disconnected \\(0 connected now\\).*")));
	}

	@Test
	void metricsShouldMoveAsClientsEmit() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/metrics")).build();
		assertThat(http.send(metrics, HttpResponse.BodyHandlers.ofString()).body())
			.contains("aiodistbus_broker_relayed_total 0.0");
		try (DEntryPoint client = new DEntryPoint()) {
			client.connect("127.0.0.1", this.port, Duration.ofSeconds(10));
			for (int i = 0; i < 7; i++) {
				client.emit("sensor.reading", i);
			}
			await().untilAsserted(() -> assertThat(http.send(metrics, HttpResponse.BodyHandlers.ofString()).body())
				.contains("aiodistbus_broker_relayed_total 7.0")
				.contains("aiodistbus_broker_events_total{type=\"sensor.reading\"} 7.0")
				.contains("aiodistbus_broker_pulses_total"));
		}
	}

	@Test
	void sigusr1ShouldLogTheCountersAndNotStopTheBroker() throws Exception {
		Process kill = new ProcessBuilder("kill", "-USR1", String.valueOf(this.process.pid())).inheritIO().start();
		assertThat(kill.waitFor()).isZero();
		await().until(() -> this.output.stream().anyMatch((line) -> line.contains("clients connected")
				&& line.contains("relayed")));
		assertThat(this.process.isAlive()).isTrue();
		try (DEntryPoint client = new DEntryPoint()) {
			client.connect("127.0.0.1", this.port, Duration.ofSeconds(10));  // still serving
		}
	}

	/** Starting the broker's main class in a child JVM and reading its output. */
	static final class BrokerProcesses {

		private BrokerProcesses() {
		}

		/** @return the command line of a JVM running the broker's main class with the arguments */
		static List<String> command(String... args) {
			List<String> command = new ArrayList<>(List.of(
					Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					System.getProperty("java.class.path"), BrokerMain.class.getName()));
			command.addAll(List.of(args));
			return command;
		}

		static Process start(List<String> output, String... args) {
			try {
				Process process = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
				Thread reader = new Thread(() -> {
					try (BufferedReader in = new BufferedReader(
							new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
						in.lines().forEach(output::add);
					}
					catch (Exception ex) {
						// the process ended
					}
				}, "broker-output");
				reader.setDaemon(true);
				reader.start();
				return process;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		static int awaitPort(List<String> output, Pattern pattern) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> output.stream().anyMatch((line) -> pattern.matcher(line).find()));
			for (String line : output) {
				Matcher matcher = pattern.matcher(line);
				if (matcher.find()) {
					return Integer.parseInt(matcher.group(1));
				}
			}
			throw new IllegalStateException("No line matches " + pattern + " in " + output);
		}

	}

}
