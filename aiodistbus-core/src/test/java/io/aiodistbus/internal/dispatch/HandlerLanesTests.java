package io.aiodistbus.internal.dispatch;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.aiodistbus.HandlerOptions;
import io.aiodistbus.event.Event;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler's lanes are bounded: once full, the thread that delivers waits for room rather than
 * dropping or growing.
 */
class HandlerLanesTests {

	@Test
	void fullLaneMakesTheDeliveringThreadWaitForRoom() throws Exception {
		HandlerLanes lanes = new HandlerLanes("slow",
				HandlerOptions.defaults().withConcurrency(2).withQueueCapacity(1));
		CountDownLatch release = new CountDownLatch(1);
		List<Integer> handled = new CopyOnWriteArrayList<>();
		List<CompletableFuture<Void>> done = new CopyOnWriteArrayList<>();
		Thread delivering = new Thread(() -> {
			// two run, one waits in the queue, the fourth finds no room
			for (int i = 1; i <= 4; i++) {
				int number = i;
				done.add(lanes.submit(Event.of("slow", number, null), () -> {
					awaitLatch(release);
					handled.add(number);
					return null;
				}));
			}
		}, "delivering");
		delivering.start();

		Awaitility.await().until(() -> delivering.getState() == Thread.State.WAITING && done.size() == 3);
		assertThat(handled).isEmpty();
		release.countDown();
		delivering.join(TimeUnit.SECONDS.toMillis(20));
		CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
		assertThat(handled).containsExactlyInAnyOrder(1, 2, 3, 4);
		lanes.shutdown();
	}

	@Test
	void callsRunOnTheThreadsOfTheOptionsFactory() throws Exception {
		HandlerLanes lanes = new HandlerLanes("named", HandlerOptions.defaults()
			.withConcurrency(2)
			.withThreadFactory((task) -> new Thread(task, "from-the-factory")));
		List<String> threads = new CopyOnWriteArrayList<>();

		lanes.submit(Event.of("named", 1, null), () -> {
			threads.add(Thread.currentThread().getName());
			return null;
		}).get(20, TimeUnit.SECONDS);

		assertThat(threads).containsExactly("from-the-factory");
		lanes.shutdown();
	}

	@Test
	void awaitIdleWaitsForQueuedAndRunningCalls() {
		HandlerLanes lanes = new HandlerLanes("slow", HandlerOptions.defaults().withConcurrency(2));
		CountDownLatch release = new CountDownLatch(1);
		List<Integer> handled = new CopyOnWriteArrayList<>();
		for (int i = 1; i <= 5; i++) {
			int number = i;
			lanes.submit(Event.of("slow", number, null), () -> {
				awaitLatch(release);
				handled.add(number);
				return null;
			});
		}

		assertThat(lanes.awaitIdle(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50))).isFalse();
		release.countDown();

		assertThat(lanes.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(20))).isTrue();
		assertThat(handled).hasSize(5);
		lanes.shutdown();
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
