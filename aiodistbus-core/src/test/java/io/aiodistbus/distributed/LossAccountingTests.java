package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.internal.wire.EventJson;
import io.aiodistbus.internal.wire.WireEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loss is counted, not silent: a receiver's count of missed events equals what did not arrive.
 */
class LossAccountingTests {

	private final Loopback loopback = new Loopback(BrokerOptions.defaults().withPublishHighWaterMark(10));

	private final DEventBus broker = this.loopback.broker();

	@AfterEach
	void close() {
		this.loopback.close();
	}

	private DEntryPoint client(ClientOptions options) {
		return this.loopback.client(options);
	}

	@Test
	void stampIsTwoExtraKeysAfterTheWireKeys() {
		byte[] json = EventJson.write("t", new byte[] { '1' }, "builtins.int", "id-1", "2026-11-28T12:00:00.000001",
				"client-1", 7);

		assertThat(new String(json)).isEqualTo("{\"type\":\"t\",\"data\":[49],\"dtype\":\"builtins.int\",\"id\":\"id-1\","
				+ "\"timestamp\":\"2026-11-28T12:00:00.000001\",\"src\":\"client-1\",\"seq\":7}");
		WireEvent read = EventJson.read(json);
		assertThat(read.source()).isEqualTo("client-1");
		assertThat(read.sequence()).isEqualTo(7);
	}

	@Test
	void gapsCountedByTheReceiverEqualTheEventsThatDidNotArrive() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		List<Integer> received = new CopyOnWriteArrayList<>();
		DEntryPoint receiver = client(ClientOptions.defaults().withInbound(64, OverflowPolicy.BLOCK));
		receiver.on("loss", Integer.class, (value) -> {
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			received.add(value);
		});
		receiver.connect("127.0.0.1", this.broker.port());
		DEntryPoint sender = client(ClientOptions.defaults());
		sender.connect("127.0.0.1", this.broker.port());
		int burst = 20_000;

		for (int i = 1; i <= burst; i++) {
			sender.emit("loss", i);
		}
		Awaitility.await().until(() -> this.broker.stats().relayed() >= burst);
		release.countDown();
		int[] next = { burst };
		Awaitility.await().pollInterval(Duration.ofMillis(20)).until(() -> {
			if (received.stream().anyMatch((value) -> value > burst)) {
				return true;
			}
			sender.emit("loss", ++next[0]);
			return false;
		});

		Awaitility.await().until(() -> received.size() + receiver.stats().lost() == received.stream()
			.mapToInt(Integer::intValue)
			.max()
			.orElseThrow());
		assertThat(receiver.stats().lost()).as("the burst must overflow the broker's high-water mark").isPositive();
		assertThat(receiver.stats().outOfOrder()).isZero();
		assertThat(received).doesNotHaveDuplicates().isSorted();
	}
}
