package io.aiodistbus.nats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.EventIds;
import io.aiodistbus.internal.wire.NativeFrame;
import io.nats.client.Connection;
import io.nats.client.Nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A graceful shutdown's first step on NATS: the handler running and the events queued behind it finish,
 * later events are not delivered (nor counted as lost), emits still go out, and resuming delivers again.
 * The first five events come from a plain jnats connection, one NATS message each, so that the queue
 * the pause finds holds a known number of messages (an entry point would batch them).
 */
class NatsPauseDeliveryTests {

	private final NatsServerProcess server = NatsServerProcess.start();

	private final NatsEntryPoint receiver = entryPoint();

	private final NatsEntryPoint sender = entryPoint();

	@AfterEach
	void close() {
		this.receiver.close();
		this.sender.close();
		this.server.close();
	}

	@Test
	void pauseFinishesQueuedEventsAndTakesNoMore() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		List<Integer> handled = new CopyOnWriteArrayList<>();
		this.receiver.on("work", Integer.class, (n) -> {
			if (n == 1) {
				awaitLatch(release);
			}
			handled.add(n);
		});
		this.receiver.connect();
		this.sender.connect();
		Connection raw = Nats.connect(this.server.url());
		try {
			for (int i = 1; i <= 5; i++) {
				raw.publish("aiodistbus.work", frame(i));
			}
			raw.flush(Duration.ofSeconds(5));
		}
		finally {
			raw.close();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.receiver.stats().queued() == 4);

		CompletableFuture<Boolean> paused = CompletableFuture
			.supplyAsync(() -> this.receiver.pauseDelivery(Duration.ofSeconds(20)));
		await().atMost(Duration.ofSeconds(20)).until(this.receiver::isDeliveryPaused);
		for (int i = 6; i <= 8; i++) {
			this.sender.emit("work", i);
		}
		this.receiver.emit("work", 9);
		release.countDown();

		assertThat(paused.get(30, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.receiver.stats().queued() == 0);
		assertThat(handled).containsExactly(1, 2, 3, 4, 5);

		this.receiver.resumeDelivery();
		this.sender.emit("work", 10);
		await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 6);
		assertThat(handled).endsWith(10);
		assertThat(this.receiver.stats().lost()).isZero();
	}

	/** Event {@code n} of a publisher named "raw", as an entry point would write it alone. */
	private static byte[] frame(int n) {
		PayloadCodec codec = PayloadCodec.shared();
		return NativeFrame.write("work".getBytes(StandardCharsets.UTF_8), codec.encode(n), codec.dtypeOf(n),
				EventIds.next(), "2026-12-06T12:00:00.000000", "raw", n, Map.of());
	}

	private NatsEntryPoint entryPoint() {
		return new NatsEntryPoint(NatsOptions.builder().servers(this.server.url()).reconnect(false).build());
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
