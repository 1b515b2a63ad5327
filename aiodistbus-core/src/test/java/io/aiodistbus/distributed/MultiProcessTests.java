package io.aiodistbus.distributed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
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

	private final DEventBus broker = new DEventBus();

	private final DEntryPoint receiver = new DEntryPoint(
			ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)));

	private final List<Process> processes = new ArrayList<>();

	@TempDir
	Path logs;

	@BeforeAll
	static void generousTimeouts() {
		Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
		Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
	}

	@AfterEach
	void close() {
		this.processes.forEach(Process::destroyForcibly);
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

	private static void awaitCount(Catcher<Reading> readings, int count, Process... emitters) {
		await().atMost(Duration.ofSeconds(45))
			.failFast("an emitter exited with an error",
					() -> List.of(emitters).stream().anyMatch((p) -> !p.isAlive() && p.exitValue() != 0))
			.until(() -> readings.received().size() >= count);
	}

	private Process startEmitter(String source) throws IOException {
		Path log = this.logs.resolve(source + ".log");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), RemoteEmitter.class.getName(), HOST,
				String.valueOf(this.broker.port()), String.valueOf(COUNT), source)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		this.processes.add(process);
		return process;
	}

	private void assertExitsZero(Process process, String source) throws Exception {
		boolean exited = process.waitFor(30, TimeUnit.SECONDS);
		String log = Files.readString(this.logs.resolve(source + ".log"), StandardCharsets.UTF_8);
		assertThat(exited).as("emitter %s exited within 30 s; its output:%n%s", source, log).isTrue();
		assertThat(process.exitValue()).as("exit code of emitter %s; its output:%n%s", source, log).isZero();
		assertThat(log).contains("RemoteEmitter " + source + " emitted " + COUNT);
	}

	private static List<Reading> expected(String source) {
		return IntStream.range(0, COUNT).mapToObj((i) -> new Reading(source, i)).toList();
	}
}
