package io.aiodistbus.broker;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.BrokerSecurity;
import io.aiodistbus.distributed.CurveKeyPair;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.event.Event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code pub}, {@code sub} and {@code bench} against a real broker, plain and with CURVE.
 */
@Timeout(120)
class ClientCommandsTests {

	private final ObjectMapper json = new ObjectMapper();

	private DEventBus broker;

	@TempDir
	Path dir;

	@AfterEach
	void close() {
		this.broker.close();
	}

	@Test
	void pubShouldEmitTheJsonPayloadWithHeaders() {
		this.broker = new DEventBus();
		try (DEntryPoint receiver = new DEntryPoint()) {
			List<Event> received = new CopyOnWriteArrayList<>();
			receiver.on("chat.*", received::add);
			receiver.connect("127.0.0.1", this.broker.port(), Duration.ofSeconds(10));
			Lines out = new Lines();
			int status = ClientCommands.run(new String[] { "pub", "chat.message", "{\"from\": \"ann\", \"n\": [1, 2]}",
					"--port", String.valueOf(this.broker.port()), "--header", "trace=t1" }, out.stream(), System.err);
			assertThat(status).isZero();
			assertThat(out.lines).singleElement().asString().startsWith("published chat.message ");
			await().until(() -> received.size() == 1);
			assertThat(received.get(0).dtype()).isEqualTo("builtins.dict");
			assertThat(received.get(0).data()).hasToString("{from=ann, n=[1, 2]}");
			assertThat(received.get(0).headers()).containsEntry("trace", "t1");
		}
	}

	@Test
	void subShouldPrintEventsOfItsPatternAsJsonLines() throws Exception {
		this.broker = new DEventBus();
		String port = String.valueOf(this.broker.port());
		Lines out = new Lines();
		Lines err = new Lines();
		CompletableFuture<Integer> sub = CompletableFuture.supplyAsync(() -> ClientCommands
			.run(new String[] { "sub", "chat.*", "--port", port, "--count", "2" }, out.stream(), err.stream()));
		await().until(() -> err.lines.stream().anyMatch((line) -> line.startsWith("# listening for chat.*")));
		assertThat(ClientCommands.run(new String[] { "pub", "other", "1", "--port", port }, new Lines().stream(),
				System.err)).isZero();
		assertThat(ClientCommands.run(new String[] { "pub", "chat.message", "\"hi\"", "--port", port },
				new Lines().stream(), System.err)).isZero();
		assertThat(ClientCommands.run(new String[] { "pub", "chat.joined", "{\"who\": \"bob\"}", "--port", port },
				new Lines().stream(), System.err)).isZero();
		assertThat(sub.get(30, TimeUnit.SECONDS)).isZero();
		assertThat(out.lines).hasSize(2);
		JsonNode first = this.json.readTree(out.lines.get(0));
		assertThat(first.get("type").asText()).isEqualTo("chat.message");
		assertThat(first.get("data").asText()).isEqualTo("hi");
		assertThat(first.get("dtype").asText()).isEqualTo("builtins.str");
		assertThat(this.json.readTree(out.lines.get(1)).get("data").get("who").asText()).isEqualTo("bob");
	}

	@Test
	void pubAndSubShouldWorkWithCurveKeysAndFailWithout() throws Exception {
		CurveKeyPair brokerKeys = CurveKeyPair.generate();
		CurveKeyPair clientKeys = CurveKeyPair.generate();
		Path keyFile = this.dir.resolve("client.key_secret");
		clientKeys.writeTo(keyFile);
		this.broker = new DEventBus(
				BrokerOptions.defaults().withSecurity(BrokerSecurity.curve(brokerKeys, clientKeys.publicKey())));
		List<String> client = List.of("--port", String.valueOf(this.broker.port()), "--secret-key-file",
				keyFile.toString(), "--broker-key", brokerKeys.publicKey());
		Lines out = new Lines();
		Lines err = new Lines();
		CompletableFuture<Integer> sub = CompletableFuture.supplyAsync(
				() -> ClientCommands.run(args(List.of("sub", "secret.*", "--count", "1"), client), out.stream(), err.stream()));
		await().until(() -> err.lines.stream().anyMatch((line) -> line.startsWith("# listening")));
		assertThat(ClientCommands.run(args(List.of("pub", "secret.plan", "42"), client), new Lines().stream(),
				System.err)).isZero();
		assertThat(sub.get(30, TimeUnit.SECONDS)).isZero();
		assertThat(this.json.readTree(out.lines.get(0)).get("data").asInt()).isEqualTo(42);

		Lines refused = new Lines();
		assertThat(ClientCommands.run(new String[] { "pub", "secret.plan", "1", "--port",
				String.valueOf(this.broker.port()), "--connect-timeout", "1" }, new Lines().stream(), refused.stream()))
			.isEqualTo(1);
		assertThat(refused.lines).anyMatch((line) -> line.startsWith("No broker at 127.0.0.1:" + this.broker.port()));
	}

	@Test
	void benchShouldReportTheRateAndLossThroughABroker() {
		this.broker = new DEventBus();
		Lines out = new Lines();
		int status = ClientCommands.run(new String[] { "bench", "--port", String.valueOf(this.broker.port()), "--events",
				"2000", "--size", "64" }, out.stream(), System.err);
		assertThat(status).isZero();
		assertThat(out.lines).singleElement()
			.asString()
			.matches("2000 events in [0-9.]+ s: [0-9]+ events/s sent, [0-9]+ events/s received, 0 lost");
	}

	@Test
	void badCommandLinesShouldExitWithStatus2() {
		Lines err = new Lines();
		this.broker = new DEventBus();
		assertThat(ClientCommands.run(new String[] { "pub", "only-type" }, new Lines().stream(), err.stream()))
			.isEqualTo(2);
		assertThat(ClientCommands.run(new String[] { "pub", "t", "{not json", "--port", "1" }, new Lines().stream(),
				err.stream())).isEqualTo(2);
		assertThat(ClientCommands.run(new String[] { "sub", "a", "--secret-key-file", "x" }, new Lines().stream(),
				err.stream())).isEqualTo(2);
		assertThat(err.lines).anyMatch((line) -> line.contains("--secret-key-file and --broker-key go together"));
	}

	private static String[] args(List<String> command, List<String> client) {
		List<String> all = new ArrayList<>(command);
		all.addAll(client);
		return all.toArray(new String[0]);
	}

	/** A print stream that keeps complete lines. */
	private static final class Lines {

		final List<String> lines = new CopyOnWriteArrayList<>();

		private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

		PrintStream stream() {
			return new PrintStream(new OutputStream() {

				@Override
				public synchronized void write(int b) {
					if (b == '\n') {
						Lines.this.lines.add(Lines.this.partial.toString(StandardCharsets.UTF_8));
						Lines.this.partial.reset();
					}
					else {
						Lines.this.partial.write(b);
					}
				}

			}, true, StandardCharsets.UTF_8);
		}

	}

}
