package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.aiodistbus.internal.wire.WireEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the queue runs an event on the reader's thread and when it hands it to its dispatch thread, on
 * a clock the test moves.
 */
class InboundTests {

	private final AtomicLong clock = new AtomicLong(1_000_000_000L);

	private final List<String> ranOn = new CopyOnWriteArrayList<>();

	private Consumer<WireEvent> handler = (event) -> this.ranOn.add(Thread.currentThread().getName());

	private final Inbound<WireEvent> inbound = new Inbound<>("test-dispatch", 100, OverflowPolicy.BLOCK,
			(event) -> this.handler.accept(event), new DropCounters(),
			new DropLog(LoggerFactory.getLogger(InboundTests.class), "test"), true, this.clock::get);

	@AfterEach
	void close() {
		this.inbound.close(5_000);
	}

	@Test
	void anEventThatArrivesAloneRunsOnTheReadersThreadOnceTheHandlersWereQuick() {
		for (int i = 0; i < Inbound.QUICK_RUNS; i++) {
			offerSoon("warm-up");
			assertThat(this.inbound.drain(20_000)).isTrue();
		}
		assertThat(this.ranOn).containsOnly("test-dispatch");

		offerSoon("a");

		assertThat(this.ranOn).hasSize(Inbound.QUICK_RUNS + 1).last().isEqualTo(Thread.currentThread().getName());
	}

	@Test
	void eventsCloseTogetherGoToTheDispatchThreadInOrder() {
		warmUp();
		List<String> types = new CopyOnWriteArrayList<>();
		this.handler = (event) -> {
			types.add(event.type());
			this.ranOn.add(Thread.currentThread().getName());
		};
		this.clock.addAndGet(Inbound.SPARSE_GAP_NANOS + 1);
		offer("first");
		for (int i = 0; i < 5; i++) {
			this.clock.addAndGet(1_000);
			offer("t" + i);
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> types.size() == 6);
		assertThat(types).containsExactly("first", "t0", "t1", "t2", "t3", "t4");
		assertThat(this.ranOn.subList(1, 6)).containsOnly("test-dispatch");
	}

	@Test
	void nothingRunsInlineWhileAnEventIsQueuedOrBeingHandled() throws Exception {
		warmUp();
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		this.handler = (event) -> {
			this.ranOn.add(event.type() + "@" + Thread.currentThread().getName());
			if (event.type().equals("blocker")) {
				started.countDown();
				hold(release);
			}
		};
		offerSoon("x");
		this.clock.addAndGet(1_000);
		offer("blocker");
		assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

		this.clock.addAndGet(Inbound.SPARSE_GAP_NANOS * 10);
		offer("late");
		release.countDown();

		await().atMost(Duration.ofSeconds(20)).until(() -> this.ranOn.size() == 3);
		assertThat(this.ranOn).containsExactly("x@" + Thread.currentThread().getName(), "blocker@test-dispatch",
				"late@test-dispatch");
	}

	@Test
	void aSlowRunSendsEventsThroughTheQueueUntilTheHandlersWereQuickAgain() {
		warmUp();
		this.handler = (event) -> {
			this.ranOn.add(event.type() + "@" + Thread.currentThread().getName());
			if (event.type().equals("slow")) {
				this.clock.addAndGet(Inbound.SLOW_NANOS + 1);
			}
		};
		offerSoon("slow");
		offerSoon("after");
		assertThat(this.inbound.drain(20_000)).isTrue();
		String reader = Thread.currentThread().getName();
		assertThat(this.ranOn).containsExactly("slow@" + reader, "after@test-dispatch");

		warmUp();
		offerSoon("later");

		assertThat(this.ranOn).last().isEqualTo("later@" + reader);
	}

	@Test
	void aDrainWaitsForAnEventRunningOnTheReadersThread() throws Exception {
		warmUp();
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		this.handler = (event) -> {
			started.countDown();
			hold(release);
		};
		Thread reader = new Thread(() -> offerSoon("held"), "test-reader");
		reader.start();
		assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

		assertThat(this.inbound.drain(50)).as("drained while the reader still runs a handler").isFalse();
		release.countDown();
		assertThat(this.inbound.drain(20_000)).isTrue();
		reader.join(20_000);
	}

	/** Sparse events through the queue until the handlers count as quick, then forgets where they ran. */
	private void warmUp() {
		for (int i = 0; i < Inbound.QUICK_RUNS; i++) {
			offerSoon("warm-up");
			assertThat(this.inbound.drain(20_000)).isTrue();
		}
		this.ranOn.clear();
	}

	private void offerSoon(String type) {
		this.clock.addAndGet(Inbound.SPARSE_GAP_NANOS + 1);
		offer(type);
	}

	private void offer(String type) {
		this.inbound.offer(new WireEvent(type, null, null, "id", "2026-12-06T12:00:00.000000"), () -> false);
	}

	private static void hold(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
