package io.aiodistbus.internal.dispatch;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OnceTests {

	private final Once once = new Once();

	@Test
	void theFirstCallerWorksAndALaterOneWaitsForIt() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch working = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> this.once.run(() -> {
			runs.incrementAndGet();
			working.countDown();
			await(release);
		}, Duration.ofSeconds(20)));
		await(working);

		CompletableFuture<Boolean> second = CompletableFuture
			.supplyAsync(() -> this.once.run(runs::incrementAndGet, Duration.ofSeconds(20)));
		assertThat(second).isNotDone();
		release.countDown();

		assertThat(first.get(20, TimeUnit.SECONDS)).isTrue();
		assertThat(second.get(20, TimeUnit.SECONDS)).isTrue();
		assertThat(this.once.run(runs::incrementAndGet, Duration.ofSeconds(20))).isTrue();
		assertThat(runs).hasValue(1);
	}

	@Test
	void aLaterCallerStopsWaitingAfterItsTimeout() throws Exception {
		CountDownLatch working = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> this.once.run(() -> {
			working.countDown();
			await(release);
		}, Duration.ofSeconds(20)));
		await(working);

		assertThat(this.once.run(() -> { }, Duration.ofMillis(50))).isFalse();
		release.countDown();
		assertThat(first.get(20, TimeUnit.SECONDS)).isTrue();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
