package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.DropReason;
import io.aiodistbus.EntryPointStateException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A client that starts before its broker: it connects in the background, keeps its first emits until
 * then, up to a limit, and drops and counts the rest.
 */
class BackgroundConnectTests {

	private DEventBus broker;

	private DEntryPoint client;

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.close();
		}
		if (this.broker != null) {
			this.broker.close();
		}
	}

	@Test
	void emitsBeforeTheBrokerIsUpAreSentOnceConnectedUpToTheLimit() {
		int port = unusedBrokerPort();
		this.client = new DEntryPoint();
		List<Integer> received = new CopyOnWriteArrayList<>();
		this.client.on("order", Integer.class, received::add);

		this.client.connectInBackground("127.0.0.1", port, 3);
		assertThat(this.client.state()).isEqualTo(ConnectionState.CONNECTING);
		for (int i = 1; i <= 5; i++) {
			this.client.emit("order", i);
		}
		assertThat(this.client.stats().dropped()).containsEntry(DropReason.QUEUE_FULL, 2L);

		this.broker = new DEventBus("127.0.0.1", port);
		await().until(() -> this.client.state() == ConnectionState.CONNECTED);
		this.client.emit("order", 6);

		await().until(() -> received.size() == 4);
		assertThat(received).containsExactly(1, 2, 3, 6);
		assertThat(this.client.stats().emitted()).isEqualTo(4);
	}

	@Test
	void withoutALimitNothingWaitsAndEmitsBeforeConnectingAreDropped() {
		int port = unusedBrokerPort();
		this.client = new DEntryPoint();

		this.client.connectInBackground("127.0.0.1", port, 0);
		this.client.emit("order", 1);

		assertThat(this.client.stats().dropped()).containsEntry(DropReason.QUEUE_FULL, 1L);
	}

	@Test
	void connectingInTheBackgroundTwiceFailsAsConnectDoes() {
		this.client = new DEntryPoint();
		this.client.connectInBackground("127.0.0.1", unusedBrokerPort(), 10);

		assertThatExceptionOfType(EntryPointStateException.class)
			.isThrownBy(() -> this.client.connectInBackground("127.0.0.1", 1, 10));
		assertThatExceptionOfType(EntryPointStateException.class)
			.isThrownBy(() -> this.client.connect("127.0.0.1", 1, Duration.ofSeconds(1)));
	}

	/** @return the first of four consecutive ports a broker was just able to bind, now free again */
	private static int unusedBrokerPort() {
		try (DEventBus probe = new DEventBus()) {
			return probe.port();
		}
	}
}
