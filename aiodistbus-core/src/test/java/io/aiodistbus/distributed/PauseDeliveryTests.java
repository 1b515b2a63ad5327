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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DEntryPoint#pauseDelivery(Duration)}, the first step of a graceful shutdown: the running
 * handler finishes uninterrupted, later events are not delivered (nor counted as lost), emits go on.
 */
class PauseDeliveryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Loopback loopback = new Loopback(BrokerOptions.defaults());

	private final DEventBus broker = this.loopback.broker();

	@AfterEach
	void close() {
		this.loopback.close();
	}

	@Test
	void pauseShouldWaitForTheRunningHandlerAndStopDeliveringUntilResumed() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<String> handled = new CopyOnWriteArrayList<>();
		DEntryPoint receiver = this.loopback.client(ClientOptions.defaults());
		receiver.on("job", String.class, (job) -> {
			started.countDown();
			try {
				assertThat(release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				handled.add("completed " + job);
			}
			catch (InterruptedException ex) {
				handled.add("interrupted " + job);
			}
		});
		receiver.connect("127.0.0.1", this.broker.port());
		List<String> replies = new CopyOnWriteArrayList<>();
		DEntryPoint sender = this.loopback.client(ClientOptions.defaults());
		sender.on("reply", String.class, replies::add);
		sender.connect("127.0.0.1", this.broker.port());

		sender.emit("job", "1");
		assertThat(started.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Boolean> paused = CompletableFuture.supplyAsync(() -> receiver.pauseDelivery(TIMEOUT));
		Awaitility.await().atMost(TIMEOUT).until(receiver::isDeliveryPaused);
		assertThat(paused).isNotDone();
		release.countDown();
		assertThat(paused.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(handled).containsExactly("completed 1");

		sender.emit("job", "2");
		receiver.emit("reply", "still emitting");
		Awaitility.await().atMost(TIMEOUT).until(() -> replies.contains("still emitting"));
		receiver.resumeDelivery();
		assertThat(receiver.isDeliveryPaused()).isFalse();
		sender.emit("job", "3");
		Awaitility.await().atMost(TIMEOUT).until(() -> handled.size() == 2);
		// "2" came from the same publisher before "3": had it been delivered, it would be here first
		assertThat(handled).containsExactly("completed 1", "completed 3");
		assertThat(receiver.stats().lost()).isZero();
	}

	@Test
	void pauseShouldGiveUpAfterTheTimeoutWithoutInterruptingTheHandler() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<String> handled = new CopyOnWriteArrayList<>();
		DEntryPoint receiver = this.loopback.client(ClientOptions.defaults());
		receiver.on("job", String.class, (job) -> {
			started.countDown();
			try {
				assertThat(release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				handled.add("completed " + job);
			}
			catch (InterruptedException ex) {
				handled.add("interrupted " + job);
			}
		});
		receiver.connect("127.0.0.1", this.broker.port());
		DEntryPoint sender = this.loopback.client(ClientOptions.defaults());
		sender.connect("127.0.0.1", this.broker.port());
		sender.emit("job", "1");
		assertThat(started.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

		assertThat(receiver.pauseDelivery(Duration.ofMillis(200))).isFalse();
		release.countDown();
		Awaitility.await().atMost(TIMEOUT).until(() -> handled.size() == 1);
		assertThat(handled).containsExactly("completed 1");
	}

}
