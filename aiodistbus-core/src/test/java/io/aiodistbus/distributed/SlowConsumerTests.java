package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.aiodistbus.DropReason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client whose handler cannot keep up loses events only by its overflow policy, counts every one,
 * never queues more than its capacity, and slows no other client down.
 * <p>
 * What each receiver counter covers: {@code lost} counts sequence gaps that the client's I/O thread
 * saw, so events that never reached the client (dropped by a high-water mark upstream);
 * {@code QUEUE_FULL} counts events that reached the client but that its inbound queue refused or
 * evicted. An event the handler got is in neither, so for each receiver handled + QUEUE_FULL + lost
 * equals what was sent, once the last event has been seen.
 */
class SlowConsumerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int SENT = 20_000;

	private static final int CAPACITY = 100;

	private static final String TYPE = "slow.n";

	private final Loopback loopback = new Loopback(BrokerOptions.defaults());

	private final DEventBus broker = this.loopback.broker();

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger maxQueued = new AtomicInteger();

	@AfterEach
	void close() {
		this.release.countDown();
		this.loopback.close();
	}

	private DEntryPoint client(ClientOptions options) {
		return this.loopback.client(options);
	}

	private DEntryPoint slowClient(OverflowPolicy policy, List<Integer> handled) {
		DEntryPoint slow = client(ClientOptions.defaults().withInbound(CAPACITY, policy));
		slow.on(TYPE, Integer.class, (value) -> {
			try {
				this.release.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			handled.add(value);
		});
		slow.connect("127.0.0.1", this.broker.port());
		return slow;
	}

	private DEntryPoint fastClient(List<Integer> handled) {
		DEntryPoint fast = client(ClientOptions.defaults());
		fast.on(TYPE, Integer.class, handled::add);
		fast.connect("127.0.0.1", this.broker.port());
		return fast;
	}

	private DEntryPoint publishAll(DEntryPoint slow) {
		DEntryPoint publisher = client(ClientOptions.defaults());
		publisher.connect("127.0.0.1", this.broker.port());
		for (int i = 1; i <= SENT; i++) {
			publisher.emit(TYPE, i);
			if (i % 50 == 0) {
				sampleQueue(slow);
			}
		}
		assertThat(publisher.stats().emitted()).as("events the publisher handed to its socket").isEqualTo(SENT);
		assertThat(publisher.stats().droppedTotal()).isZero();
		return publisher;
	}

	private boolean sampleQueue(DEntryPoint slow) {
		this.maxQueued.accumulateAndGet(slow.stats().queued(), Math::max);
		return true;
	}

	private static void assertReceivedEverything(DEntryPoint fast, List<Integer> handled) {
		Awaitility.await("the fast client accounts for every event")
			.atMost(TIMEOUT)
			.until(() -> handled.size() + fast.stats().lost() >= SENT);
		assertThat(handled.size() + fast.stats().lost()).isEqualTo(SENT);
		assertThat(fast.stats().lost()).as("events the fast client missed upstream").isZero();
		assertThat(fast.stats().droppedTotal()).isZero();
		assertThat(fast.stats().outOfOrder()).isZero();
		assertThat(handled).doesNotHaveDuplicates().isSorted();
	}

	@ParameterizedTest
	@EnumSource(value = OverflowPolicy.class, names = { "DROP_NEWEST", "DROP_OLDEST" })
	void aSlowConsumerCountsWhatItDropsAndTheOthersReceiveEverything(OverflowPolicy policy) {
		List<Integer> slowHandled = new CopyOnWriteArrayList<>();
		List<Integer> fastHandled = new CopyOnWriteArrayList<>();
		DEntryPoint slow = slowClient(policy, slowHandled);
		DEntryPoint fast = fastClient(fastHandled);

		publishAll(slow);

		assertReceivedEverything(fast, fastHandled);
		// one event in the blocked handler, at most CAPACITY queued: the I/O thread has seen them all
		Awaitility.await("the slow client's reader keeps up and drops what does not fit")
			.atMost(TIMEOUT)
			.until(() -> sampleQueue(slow)
					&& slow.stats().dropped().get(DropReason.QUEUE_FULL) + slow.stats().lost() >= SENT - CAPACITY - 1);
		assertThat(slowHandled).as("the handler is still blocked").isEmpty();
		assertThat(slow.stats().queued()).isEqualTo(CAPACITY);
		this.release.countDown();

		Awaitility.await("after the release every event is handled, dropped or lost")
			.atMost(TIMEOUT)
			.until(() -> sampleQueue(slow) && slow.stats().queued() == 0 && slowHandled.size()
					+ slow.stats().dropped().get(DropReason.QUEUE_FULL) + slow.stats().lost() >= SENT);
		ClientStats stats = slow.stats();
		long queueFull = stats.dropped().get(DropReason.QUEUE_FULL);
		System.out.println("slow consumer (" + policy + "): sent=" + SENT + ", handled=" + slowHandled.size()
				+ ", QUEUE_FULL=" + queueFull + ", lost=" + stats.lost() + ", max queued=" + this.maxQueued.get()
				+ "; fast: handled=" + fastHandled.size() + ", lost=" + fast.stats().lost());
		assertThat(queueFull).isPositive();
		assertThat(slowHandled.size() + queueFull + stats.lost()).isEqualTo(SENT);
		assertThat(stats.droppedTotal()).isEqualTo(queueFull);
		assertThat(stats.outOfOrder()).isZero();
		assertThat(this.maxQueued.get()).isLessThanOrEqualTo(CAPACITY);
		assertThat(slowHandled).doesNotHaveDuplicates().isSorted();
		if (policy == OverflowPolicy.DROP_NEWEST) {
			assertThat(slowHandled).as("the oldest events survive").startsWith(1);
		}
		else {
			assertThat(slowHandled).as("the newest events survive").endsWith(SENT);
		}
		assertThat(slow.state()).isEqualTo(ConnectionState.CONNECTED);
	}

	@Test
	void aBlockingConsumerHoldsUpNoOtherClientAndLosesNothing() {
		List<Integer> slowHandled = new CopyOnWriteArrayList<>();
		List<Integer> fastHandled = new CopyOnWriteArrayList<>();
		DEntryPoint slow = slowClient(OverflowPolicy.BLOCK, slowHandled);
		DEntryPoint fast = fastClient(fastHandled);

		publishAll(slow);

		assertReceivedEverything(fast, fastHandled);
		assertThat(slowHandled).as("the handler is still blocked").isEmpty();
		assertThat(slow.stats().dropped().get(DropReason.QUEUE_FULL)).isZero();
		this.release.countDown();

		Awaitility.await("after the release the blocked client gets every event")
			.atMost(TIMEOUT)
			.until(() -> sampleQueue(slow) && slowHandled.size() + slow.stats().lost() >= SENT);
		ClientStats stats = slow.stats();
		System.out.println("blocking consumer: sent=" + SENT + ", handled=" + slowHandled.size() + ", lost="
				+ stats.lost() + ", max queued=" + this.maxQueued.get());
		assertThat(slowHandled.size() + stats.lost()).isEqualTo(SENT);
		assertThat(stats.lost()).as("the broker's high-water mark (100,000) holds the backlog").isZero();
		assertThat(stats.droppedTotal()).isZero();
		assertThat(this.maxQueued.get()).isLessThanOrEqualTo(CAPACITY);
		assertThat(slowHandled).doesNotHaveDuplicates().isSorted();
		assertThat(slow.state()).isEqualTo(ConnectionState.CONNECTED);
	}

	@Test
	void closingAConsumerBlockedByItsHandlerStopsItsThreads() throws Exception {
		List<Integer> slowHandled = new CopyOnWriteArrayList<>();
		List<Integer> fastHandled = new CopyOnWriteArrayList<>();
		DEntryPoint slow = slowClient(OverflowPolicy.BLOCK, slowHandled);
		DEntryPoint fast = fastClient(fastHandled);
		publishAll(slow);
		assertReceivedEverything(fast, fastHandled);
		Awaitility.await("the blocked client's queue is full").atMost(TIMEOUT).until(() -> slow.stats().queued() == CAPACITY);
		String name = slow.toString().substring("DEntryPoint[".length(), slow.toString().indexOf(','));

		CompletableFuture.runAsync(slow::close).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

		assertThat(slow.state()).isEqualTo(ConnectionState.CLOSED);
		assertThat(liveThreads(name + "-io")).as("close() waits for the I/O thread").isEmpty();
		Awaitility.await("the dispatch thread is let go")
			.atMost(TIMEOUT)
			.until(() -> liveThreads(name + "-").isEmpty());
	}

	private static List<String> liveThreads(String prefix) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith(prefix) && thread.isAlive())
			.map(Thread::getName)
			.toList();
	}
}
