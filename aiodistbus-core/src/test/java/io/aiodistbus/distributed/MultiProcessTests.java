package io.aiodistbus.distributed;

import java.io.IOException;


import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aiodistbus.contract.Catcher;
import io.aiodistbus.distributed.RemoteEmitter.Reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients in other JVMs: {@link RemoteEmitter} processes connect to this JVM's broker and emit typed
 * events; this JVM's client receives them all, in each emitter's order, and the processes exit 0.
 */
class MultiProcessTests {

	private static final String HOST = "127.0.0.1";

	private static final int COUNT = 500;

	private static final Pattern PORT = Pattern.compile("^PORT (\\d+)$", Pattern.MULTILINE);

	private final DEventBus broker = new DEventBus();

	private final DEntryPoint receiver = new DEntryPoint(
			ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)));

	@TempDir
	Path logs;

	private ChildJvms jvms;

	@BeforeEach
	void childJvms() {
		this.jvms = new ChildJvms(this.logs);
	}

	@BeforeAll
	static void generousTimeouts() {
		Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
		Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
	}

	@AfterEach
	void close() {
		this.jvms.close();
		this.receiver.close();
		this.broker.close();
	}

	@Test
	void eventsEmittedByAnotherJvmArriveInOrder() throws Exception {
		Catcher<Reading> readings = new Catcher<>();
		this.receiver.on(RemoteEmitter.TYPE, Reading.class, readings);
		this.receiver.connect(HOST, this.broker.port());

		Process emitter = startEmitter("a");

		awaitCount(readings, COUNT, emitter);
		assertThat(readings.received()).containsExactlyElementsOf(expected("a"));
		assertExitsZero(emitter, "a");
	}

	@Test
	void eventsFromTwoJvmsArriveInEachEmittersOrder() throws Exception {
		Catcher<Reading> readings = new Catcher<>();
		this.receiver.on(RemoteEmitter.TYPE, Reading.class, readings);
		this.receiver.connect(HOST, this.broker.port());

		Process a = startEmitter("a");
		Process b = startEmitter("b");

		awaitCount(readings, 2 * COUNT, a, b);
		List<Reading> received = readings.received();
		assertThat(received).hasSize(2 * COUNT);
		assertThat(received.stream().filter((reading) -> reading.source().equals("a")))
			.containsExactlyElementsOf(expected("a"));
		assertThat(received.stream().filter((reading) -> reading.source().equals("b")))
			.containsExactlyElementsOf(expected("b"));
		assertExitsZero(a, "a");
		assertExitsZero(b, "b");
	}

	@Test
	void clientRidesOutTheKillOfItsBrokerProcess() throws Exception {
		Process brokerProcess = startJava("broker", RemoteBroker.class);
		Matcher announced = await().atMost(Duration.ofSeconds(45))
			.failFast("the broker JVM exited", () -> !brokerProcess.isAlive())
			.until(() -> PORT.matcher(log("broker")), Matcher::find);
		int port = Integer.parseInt(announced.group(1));
		List<ConnectionState> states = new CopyOnWriteArrayList<>();
		Catcher<String> catcher = new Catcher<>();
		this.receiver.addStateListener(states::add);
		this.receiver.on("after.crash", String.class, catcher);
		this.receiver.connect(HOST, port);
		await().until(() -> this.receiver.stats().pulses() > 0);

		brokerProcess.destroyForcibly();
		assertThat(brokerProcess.waitFor(20, TimeUnit.SECONDS)).isTrue();

		// no farewell from a killed broker: the dropped connection alone must disrupt the client
		await().until(() -> states.contains(ConnectionState.DISRUPTED));
		try (DEventBus restarted = new DEventBus(HOST, port);
				DEntryPoint other = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)))) {
			await().until(() -> this.receiver.state() == ConnectionState.CONNECTED);
			other.connect(HOST, restarted.port());
			other.emit("after.crash", "back");

			assertThat(catcher.awaitOne()).isEqualTo("back");
			assertThat(this.receiver.stats().reconnects()).isGreaterThanOrEqualTo(1);
		}
	}

	@Test
	void brokerForgetsAKilledClientProcess() throws Exception {
		Catcher<Reading> readings = new Catcher<>();
		this.receiver.on(RemoteEmitter.TYPE, Reading.class, readings);
		this.receiver.connect(HOST, this.broker.port());
		await().until(() -> this.broker.stats().connectedClients() == 1);

		Process holder = startEmitter("held", "hold");
		awaitCount(readings, COUNT, holder);
		await().until(() -> log("held").contains("HOLDING"));
		await().until(() -> this.broker.stats().connectedClients() == 2);

		holder.destroyForcibly();
		assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();

		await().until(() -> this.broker.stats().connectedClients() == 1);
		assertThat(this.broker.isRunning()).isTrue();
		assertThat(this.broker.stats().droppedTotal()).isZero();
	}

	private static void awaitCount(Catcher<Reading> readings, int count, Process... emitters) {
		await().atMost(Duration.ofSeconds(45))
			.failFast("an emitter exited with an error",
					() -> List.of(emitters).stream().anyMatch((p) -> !p.isAlive() && p.exitValue() != 0))
			.until(() -> readings.received().size() >= count);
	}

	private Process startEmitter(String source, String... more) throws IOException {
		List<String> args = new ArrayList<>(List.of(HOST, String.valueOf(this.broker.port()), String.valueOf(COUNT),
				source));
		args.addAll(List.of(more));
		return startJava(source, RemoteEmitter.class, args.toArray(String[]::new));
	}

	private Process startJava(String name, Class<?> mainClass, String... args) throws IOException {
		return this.jvms.start(name, mainClass, args);
	}

	private String log(String name) throws IOException {
		return this.jvms.log(name);
	}

	private void assertExitsZero(Process process, String source) throws Exception {
		boolean exited = process.waitFor(30, TimeUnit.SECONDS);
		String log = log(source);
		assertThat(exited).as("emitter %s exited within 30 s; its output:%n%s", source, log).isTrue();
		assertThat(process.exitValue()).as("exit code of emitter %s; its output:%n%s", source, log).isZero();
		assertThat(log).contains("RemoteEmitter " + source + " emitted " + COUNT);
	}

	private static List<Reading> expected(String source) {
		return IntStream.range(0, COUNT).mapToObj((i) -> new Reading(source, i)).toList();
	}
}
