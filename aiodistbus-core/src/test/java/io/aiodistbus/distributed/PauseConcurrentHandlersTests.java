package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.HandlerOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pause waits for the calls that handlers with a concurrency above 1 hold on their own lanes too,
 * not only for the dispatch thread, so that a graceful shutdown lets them finish.
 */
class PauseConcurrentHandlersTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Loopback loopback = new Loopback(BrokerOptions.defaults());

	private final DEventBus broker = this.loopback.broker();

	@AfterEach
	void close() {
		this.loopback.close();
	}

	@Test
	void pauseWaitsForTheCallsOnAHandlersLanes() throws Exception {
		CountDownLatch running = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		List<String> handled = new CopyOnWriteArrayList<>();
		DEntryPoint receiver = this.loopback.client(ClientOptions.defaults());
		receiver.onAsync("job", (event) -> {
			running.countDown();
			try {
				assertThat(release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			handled.add((String) event.data());
			return null;
		}, "jobs", HandlerOptions.defaults().withConcurrency(2));
		receiver.connect("127.0.0.1", this.broker.port());
		DEntryPoint sender = this.loopback.client(ClientOptions.defaults());
		sender.connect("127.0.0.1", this.broker.port());
		for (int i = 1; i <= 4; i++) {
			sender.emit("job", "job " + i);
		}
		assertThat(running.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		// the dispatch thread handed all four to the lanes (two running, two queued) and is idle
		Awaitility.await().atMost(TIMEOUT).until(() -> receiver.stats().received() == 4);

		CompletableFuture<Boolean> paused = CompletableFuture.supplyAsync(() -> receiver.pauseDelivery(TIMEOUT));
		Awaitility.await().atMost(TIMEOUT).until(receiver::isDeliveryPaused);
		assertThat(paused).isNotDone();
		release.countDown();

		assertThat(paused.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(handled).containsExactlyInAnyOrder("job 1", "job 2", "job 3", "job 4");
	}
}
