package io.aiodistbus.samples.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.nats.NatsServerProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as a user runs it: a broker JVM and two chat JVMs. An event crosses from alice's JVM to
 * bob's through the broker's, and alice's health endpoint shows the broker's heartbeat. Then the same
 * two services on a nats-server instead, switched by their properties alone.
 */
class ChatSampleProcessTests {

	private static final Pattern BROKER_PORT = Pattern.compile("Broker listening on 127\\.0\\.0\\.1:(\\d+)");

	private static final Pattern HTTP_PORT = Pattern.compile("Tomcat started on port[s]?[ (]*(\\d+)");

	private final List<Started> processes = new ArrayList<>();

	private NatsServerProcess nats;

	@AfterEach
	void stop() {
		for (Started started : this.processes) {
			started.process().destroy();
		}
		if (this.nats != null) {
			this.nats.close();
		}
	}

	@Test
	void eventCrossesBetweenJvmsAndHealthShowsTheHeartbeat() throws Exception {
		Started broker = start("broker", "--aiodistbus.mode=broker", "--aiodistbus.broker.port=0", "--server.port=0");
		int busPort = Integer.parseInt(broker.awaitLine(BROKER_PORT));
		Started alice = start("alice", "--aiodistbus.mode=client", "--aiodistbus.client.port=" + busPort,
				"--chat.name=alice", "--chat.every=500ms", "--server.port=0");
		Started bob = start("bob", "--aiodistbus.mode=client", "--aiodistbus.client.port=" + busPort,
				"--chat.name=bob", "--chat.every=500ms", "--server.port=0");

		awaitTheChat(alice, bob);
		awaitHealth(alice, "CONNECTED", "lastPulseAge");
	}

	@Test
	void theSameServicesRunOnNatsWithNoCodeChanged() throws Exception {
		this.nats = NatsServerProcess.start();
		Started alice = start("alice", "--aiodistbus.mode=nats", "--aiodistbus.nats.servers=" + this.nats.url(),
				"--chat.name=alice", "--chat.every=500ms", "--server.port=0");
		Started bob = start("bob", "--aiodistbus.mode=nats", "--aiodistbus.nats.servers=" + this.nats.url(),
				"--chat.name=bob", "--chat.every=500ms", "--server.port=0");

		awaitTheChat(alice, bob);
		awaitHealth(alice, "CONNECTED", this.nats.url());
	}

	/** Typed events both ways, then a consumer group and request/reply across the JVMs. */
	private static void awaitTheChat(Started alice, Started bob) {
		bob.awaitLine(Pattern.compile("\\[bob\\] heard alice say 'hello from alice'"));
		alice.awaitLine(Pattern.compile("\\[alice\\] bob answered message #\\d+"));
		alice.awaitLine(Pattern.compile("\\[alice\\] moderated (alice|bob) #\\d+"));
		bob.awaitLine(Pattern.compile("\\[bob\\] moderated (alice|bob) #\\d+"));
		alice.awaitLine(Pattern.compile("\\[alice\\] asked the time: (alice|bob)'s clock says"));
		bob.awaitLine(Pattern.compile("\\[bob\\] asked the time: (alice|bob)'s clock says"));
	}

	private static void awaitHealth(Started service, String... details) {
		int port = Integer.parseInt(service.awaitLine(HTTP_PORT));
		HttpClient http = HttpClient.newHttpClient();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			HttpResponse<String> health = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"aiodistbus\"").contains(details);
		});
	}

	private Started start(String name, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx256m",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), ChatApplication.class.getName()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Started started = new Started(name, process, new CopyOnWriteArrayList<>());
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					started.output().add(line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "sample-" + name + "-output");
		reader.setDaemon(true);
		reader.start();
		this.processes.add(started);
		return started;
	}

	private record Started(String name, Process process, List<String> output) {

		String awaitLine(Pattern pattern) {
			String[] found = new String[1];
			await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
				for (String line : this.output) {
					Matcher matcher = pattern.matcher(line);
					if (matcher.find()) {
						found[0] = (matcher.groupCount() > 0) ? matcher.group(1) : line;
						return true;
					}
				}
				if (!this.process.isAlive()) {
					throw new AssertionError(this.name + " exited with " + this.process.exitValue() + ":\n"
							+ String.join("\n", this.output));
				}
				return false;
			});
			return found[0];
		}
	}
}
