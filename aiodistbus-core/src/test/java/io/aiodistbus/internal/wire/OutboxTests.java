package io.aiodistbus.internal.wire;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the outbox sends an event at once and when it batches, on a clock the test moves.
 */
class OutboxTests {

	private static final byte[] TICK = "demo.tick".getBytes(StandardCharsets.UTF_8);

	private static final byte[] TOCK = "demo.tock".getBytes(StandardCharsets.UTF_8);

	private final Object lock = new Object();

	private final AtomicLong clock = new AtomicLong(1_000_000_000L);

	private final List<byte[]> sent = new CopyOnWriteArrayList<>();

	private final List<String> refused = new ArrayList<>();

	private boolean accept = true;

	private final Outbox outbox = new Outbox(this.lock, this::send, (events, type) -> this.refused.add(events + " " + type),
			"test-flush", this.clock::get);

	@Test
	void sparseEmitsGoOutAtOnceEachOnItsOwn() {
		for (int n = 1; n <= 3; n++) {
			assertThat(offer(TICK, n)).isTrue();
			this.clock.addAndGet(Outbox.BURST_GAP_NANOS + 1);
		}

		assertThat(this.sent).hasSize(3).allSatisfy((message) -> assertThat(NativeBatch.isBatch(message)).isFalse());
		assertThat(sequences()).containsExactly(1L, 2L, 3L);
	}

	@Test
	void aBurstIsCollectedUntilFlushedAndKeepsItsOrder() {
		offer(TICK, 1);
		for (int n = 2; n <= 5; n++) {
			this.clock.addAndGet(1_000);
			offer(TICK, n);
		}

		// the first went out alone, the rest wait for the flusher
		assertThat(this.sent).hasSize(1);
		synchronized (this.lock) {
			this.outbox.flush();
		}
		assertThat(this.sent).hasSize(2);
		assertThat(NativeBatch.isBatch(this.sent.get(1))).isTrue();
		assertThat(sequences()).containsExactly(1L, 2L, 3L, 4L, 5L);
	}

	@Test
	void anotherTypeSendsTheBatchBeforeIt() {
		offer(TICK, 1);
		this.clock.addAndGet(1_000);
		offer(TICK, 2);
		this.clock.addAndGet(1_000);
		offer(TICK, 3);
		this.clock.addAndGet(1_000);
		offer(TOCK, 4);

		assertThat(this.sent).hasSize(2);
		synchronized (this.lock) {
			this.outbox.flush();
		}
		// the tock started a batch of its own and goes out alone, as its own frame
		assertThat(this.sent).hasSize(3);
		assertThat(NativeFrame.isNative(this.sent.get(2)) && !NativeBatch.isBatch(this.sent.get(2))).isTrue();
		assertThat(sequences()).containsExactly(1L, 2L, 3L, 4L);
	}

	@Test
	void aSparseEmitAfterABurstWaitsForTheBatchBeforeIt() {
		offer(TICK, 1);
		this.clock.addAndGet(1_000);
		offer(TICK, 2);
		this.clock.addAndGet(1_000);
		offer(TICK, 3);
		this.clock.addAndGet(Outbox.BURST_GAP_NANOS * 10);
		offer(TICK, 4);

		assertThat(sequences()).containsExactly(1L, 2L, 3L, 4L);
	}

	@Test
	void aBatchStaysWithinTheLimitAndAFullOneGoesOutAtOnce() {
		this.outbox.limit(1_000);
		for (int n = 1; n <= 40; n++) {
			this.clock.addAndGet(1_000);
			offer(TICK, n);
		}
		synchronized (this.lock) {
			this.outbox.flush();
		}

		assertThat(this.sent).hasSizeGreaterThan(4).allSatisfy((message) -> assertThat(message.length).isLessThanOrEqualTo(1_000));
		assertThat(sequences()).hasSize(40).isSorted();
	}

	@Test
	void anEventTooLargeToBatchGoesOutOnItsOwn() {
		this.outbox.limit(100);
		offer(TICK, 1);
		this.clock.addAndGet(1_000);
		byte[] large = NativeFrame.write(TICK, new byte[200], "builtins.bytes", "id-2", "\"t\"", "c", 2, Map.of());

		synchronized (this.lock) {
			this.outbox.offer(TICK, large);
		}

		assertThat(this.sent).hasSize(2);
		assertThat(this.sent.get(1)).isSameAs(large);
	}

	@Test
	void aRefusedBatchIsReportedWithItsEventCount() {
		offer(TICK, 1);
		this.clock.addAndGet(1_000);
		offer(TICK, 2);
		this.clock.addAndGet(1_000);
		offer(TICK, 3);
		this.accept = false;

		synchronized (this.lock) {
			this.outbox.flush();
		}

		assertThat(this.refused).containsExactly("2 demo.tick");
	}

	@Test
	void theFlusherSendsABurstsTailByItself() {
		this.outbox.start();
		try {
			offer(TICK, 1);
			this.clock.addAndGet(1_000);
			offer(TICK, 2);
			this.clock.addAndGet(1_000);
			offer(TICK, 3);

			await().atMost(Duration.ofSeconds(20)).pollInterval(1, TimeUnit.MILLISECONDS)
				.until(() -> sequences().size() == 3);
			assertThat(sequences()).containsExactly(1L, 2L, 3L);
		}
		finally {
			synchronized (this.lock) {
				this.outbox.close();
			}
		}
	}

	@Test
	void closingSendsWhatWasCollected() {
		offer(TICK, 1);
		this.clock.addAndGet(1_000);
		offer(TICK, 2);

		synchronized (this.lock) {
			this.outbox.close();
		}

		assertThat(sequences()).containsExactly(1L, 2L);
	}

	private boolean offer(byte[] topic, long sequence) {
		byte[] frame = NativeFrame.write(topic, "1".getBytes(StandardCharsets.UTF_8), "builtins.int", "id-" + sequence,
				"\"2026-12-06T12:00:00.000000\"", "client", sequence, Map.of());
		synchronized (this.lock) {
			return this.outbox.offer(topic, frame);
		}
	}

	private boolean send(byte[] message) {
		if (!this.accept) {
			return false;
		}
		this.sent.add(message);
		return true;
	}

	/** @return the sequence numbers of every event sent, in sending order */
	private List<Long> sequences() {
		NativeFrame.Checker checker = new NativeFrame.Checker();
		List<Long> sequences = new ArrayList<>();
		for (byte[] message : this.sent) {
			if (NativeBatch.isBatch(message)) {
				NativeBatch.forEach(message, checker, true, new NativeBatch.Sink() {
					@Override
					public void event(int from, int to, WireEvent event) {
						sequences.add(event.sequence());
					}

					@Override
					public void invalid(WireFormatException ex) {
						throw ex;
					}
				});
			}
			else {
				sequences.add(NativeFrame.decode(message, checker).sequence());
			}
		}
		return sequences;
	}
}
