package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing a client right after it emitted delivers what it emitted: {@code close()} lets the outgoing
 * queue drain, for at most {@link ClientOptions#closeFlushTimeout()}.
 */
class GracefulCloseTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int SENT = 5_000;

	private static final String TYPE = "close.n";

	private final DEventBus broker = new DEventBus(BrokerOptions.defaults());

	private final List<DEntryPoint> clients = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.clients.forEach(DEntryPoint::close);
		this.broker.close();
	}

	private DEntryPoint client(ClientOptions options) {
		DEntryPoint client = new DEntryPoint(options.withConnectTimeout(Duration.ofSeconds(20)));
		this.clients.add(client);
		return client;
	}

	@Test
	void aClientClosedRightAfterEmittingDeliversEverythingItEmitted() {
		List<Integer> received = new CopyOnWriteArrayList<>();
		DEntryPoint receiver = client(ClientOptions.defaults());
		receiver.on(TYPE, Integer.class, received::add);
		receiver.connect("127.0.0.1", this.broker.port());
		DEntryPoint sender = client(ClientOptions.defaults());
		sender.connect("127.0.0.1", this.broker.port());

		for (int i = 1; i <= SENT; i++) {
			sender.emit(TYPE, i);
		}
		sender.close();

		assertThat(sender.state()).isEqualTo(ConnectionState.CLOSED);
		assertThat(sender.stats().emitted()).isEqualTo(SENT);
		Awaitility.await("every emitted event arrives").atMost(TIMEOUT).until(() -> received.size() >= SENT);
		System.out.println("graceful close: emitted=" + SENT + ", received=" + received.size() + ", lost="
				+ receiver.stats().lost());
		assertThat(received).hasSize(SENT).doesNotHaveDuplicates().isSorted();
		assertThat(receiver.stats().lost()).isZero();
		assertThat(this.broker.stats().droppedTotal()).isZero();
	}

	@Test
	void theFlushTimeoutBoundsCloseWhenNothingCanBeDelivered() throws Exception {
		DEntryPoint sender = client(ClientOptions.defaults().withCloseFlushTimeout(Duration.ofMillis(500)));
		sender.connect("127.0.0.1", this.broker.port());
		this.broker.close();
		Awaitility.await("the client notices the broker is gone")
			.atMost(TIMEOUT)
			.until(() -> sender.state() != ConnectionState.CONNECTED);
		for (int i = 1; i <= SENT; i++) {
			sender.emit(TYPE, i);
		}

		CompletableFuture.runAsync(sender::close).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

		assertThat(sender.state()).isEqualTo(ConnectionState.CLOSED);
		String name = sender.toString().substring("DEntryPoint[".length(), sender.toString().indexOf(','));
		Awaitility.await("the client's threads end")
			.atMost(TIMEOUT)
			.until(() -> Thread.getAllStackTraces()
				.keySet()
				.stream()
				.noneMatch((thread) -> thread.getName().startsWith(name + "-") && thread.isAlive()));
	}
}
