package io.aiodistbus.nats;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.aiodistbus.DropReason;
import io.aiodistbus.EntryPointStateException;
import io.aiodistbus.distributed.ConnectionState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * An entry point that starts before its nats-server, as the ZeroMQ client's {@code BackgroundConnectTests}:
 * it connects in the background once the server comes up on the port it was given, keeps its first emits
 * until then, up to a limit, and drops and counts the rest; closed before that, it stops trying.
 */
class NatsBackgroundConnectTests {

	private final int port = NatsServerProcess.freePort();

	private NatsServerProcess server;

	private NatsEntryPoint entryPoint;

	@AfterEach
	void close() {
		if (this.entryPoint != null) {
			this.entryPoint.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@ParameterizedTest(name = "reconnect {0}")
	@ValueSource(booleans = { true, false })
	void emitsBeforeTheServerIsUpAreSentOnceConnectedUpToTheLimit(boolean reconnect) {
		this.entryPoint = new NatsEntryPoint(options().reconnect(reconnect).build());
		List<Integer> received = new CopyOnWriteArrayList<>();
		this.entryPoint.on("order", Integer.class, received::add);

		this.entryPoint.connectInBackground(3);
		assertThat(this.entryPoint.state()).isEqualTo(ConnectionState.CONNECTING);
		for (int i = 1; i <= 5; i++) {
			this.entryPoint.emit("order", i);
		}
		assertThat(this.entryPoint.stats().dropped()).containsEntry(DropReason.QUEUE_FULL, 2L);

		this.server = NatsServerProcess.start(this.port, List.of());
		await().until(() -> this.entryPoint.state() == ConnectionState.CONNECTED);
		this.entryPoint.emit("order", 6);

		// an entry point's own emits come back through the server: they went out after its subscription
		await().until(() -> received.size() == 4);
		assertThat(received).containsExactly(1, 2, 3, 6);
		assertThat(this.entryPoint.stats().emitted()).isEqualTo(4);
		assertThat(this.entryPoint.stats().reconnects()).isZero();
	}

	@Test
	void withoutALimitNothingWaitsAndEmitsBeforeConnectingAreDropped() {
		this.entryPoint = new NatsEntryPoint(options().build());

		this.entryPoint.connectInBackground(0);
		this.entryPoint.emit("order", 1);

		assertThat(this.entryPoint.stats().dropped()).containsEntry(DropReason.QUEUE_FULL, 1L);
	}

	@Test
	void connectingInTheBackgroundTwiceFailsAsConnectDoes() {
		this.entryPoint = new NatsEntryPoint(options().build());
		this.entryPoint.connectInBackground(10);

		assertThatExceptionOfType(EntryPointStateException.class)
			.isThrownBy(() -> this.entryPoint.connectInBackground(10));
		assertThatExceptionOfType(EntryPointStateException.class).isThrownBy(this.entryPoint::connect);
	}

	@Test
	void closeWhileConnectingStopsTheAttemptsAndEndsTheEntryPointsThreads() {
		this.entryPoint = new NatsEntryPoint(options().build());
		this.entryPoint.connectInBackground(10);
		assertThat(threadsOf(this.entryPoint)).isNotEmpty();

		this.entryPoint.close();

		assertThat(this.entryPoint.state()).isEqualTo(ConnectionState.CLOSED);
		assertThat(threadsOf(this.entryPoint)).isEmpty();
		assertThatExceptionOfType(EntryPointStateException.class).isThrownBy(() -> this.entryPoint.emit("order", 1));
	}

	private NatsOptions.Builder options() {
		return NatsOptions.builder()
			.servers("nats://127.0.0.1:" + this.port)
			.reconnectWait(Duration.ofMillis(50))
			.connectTimeout(Duration.ofSeconds(10));
	}

	/** @return the live threads the entry point named, which start with its name ("aiodistbus-nats-N") */
	private static List<String> threadsOf(NatsEntryPoint entryPoint) {
		String text = entryPoint.toString();
		String prefix = text.substring(text.indexOf('[') + 1, text.indexOf(',')) + "-";
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith(prefix))
			.toList();
	}
}
