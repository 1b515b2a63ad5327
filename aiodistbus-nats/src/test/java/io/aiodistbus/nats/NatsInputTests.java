package io.aiodistbus.nats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.DropReason;
import io.aiodistbus.event.Event;
import io.aiodistbus.event.ReservedTopics;
import io.aiodistbus.internal.wire.NativeBatch;
import io.aiodistbus.internal.wire.NativeFrame;
import io.nats.client.Connection;
import io.nats.client.Nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * What other NATS clients may publish on the bus's subjects: messages that are no native frame, frames
 * on another type's subject, and a damaged frame are dropped and counted by reason, and the entry point
 * keeps serving; in a batch, only the damaged event is. Reserved types cannot be emitted.
 */
class NatsInputTests {

	private final NatsServerProcess server = NatsServerProcess.start();

	private final NatsEntryPoint entryPoint = new NatsEntryPoint(
			NatsOptions.builder().servers(this.server.url()).reconnect(false).build());

	@AfterEach
	void close() {
		this.entryPoint.close();
		this.server.close();
	}

	@Test
	void badMessagesAreDroppedAndCountedByReason() throws Exception {
		List<Event> received = new CopyOnWriteArrayList<>();
		this.entryPoint.on("in.*", received::add);
		this.entryPoint.connect();
		byte[] good = frame("in.good");
		byte[] damaged = good.clone();
		damaged[damaged.length - 1] ^= 1;
		Connection raw = Nats.connect(this.server.url());
		try {
			raw.publish("aiodistbus.in.text", "not a frame".getBytes(StandardCharsets.UTF_8));
			raw.publish("aiodistbus.in.sneaky", good);
			raw.publish("aiodistbus.in.good", damaged);
			raw.publish("aiodistbus.in.good", good);
			raw.flush(Duration.ofSeconds(5));
		}
		finally {
			raw.close();
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
		assertThat(received.get(0).type()).isEqualTo("in.good");
		Map<DropReason, Long> dropped = this.entryPoint.stats().dropped();
		assertThat(dropped).containsEntry(DropReason.FRAME_COUNT, 1L)
			.containsEntry(DropReason.TOPIC_MISMATCH, 1L)
			.containsEntry(DropReason.CHECKSUM, 1L);
		assertThat(this.entryPoint.stats().droppedTotal()).isEqualTo(3);
	}

	@Test
	void aBatchIsDeliveredEventByEventAndItsDamagedEventAloneIsDropped() throws Exception {
		List<Event> received = new CopyOnWriteArrayList<>();
		this.entryPoint.on("in.*", received::add);
		this.entryPoint.connect();
		byte[] topic = "in.batch".getBytes(StandardCharsets.UTF_8);
		byte[] damaged = frame("in.batch", 2);
		damaged[damaged.length - 1] ^= 1;
		NativeBatch.Builder batch = new NativeBatch.Builder(16 * 1024);
		batch.add(topic, frame("in.batch", 1));
		batch.add(topic, damaged);
		batch.add(topic, frame("in.batch", 3));
		Connection raw = Nats.connect(this.server.url());
		try {
			raw.publish("aiodistbus.in.batch", batch.take());
			raw.publish("aiodistbus.in.other", frame("in.batch", 4));
			raw.flush(Duration.ofSeconds(5));
		}
		finally {
			raw.close();
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> this.entryPoint.stats().droppedTotal() == 2);
		assertThat(received).extracting(Event::id).containsExactly(id(1), id(3));
		assertThat(this.entryPoint.stats().dropped()).containsEntry(DropReason.CHECKSUM, 1L)
			.containsEntry(DropReason.TOPIC_MISMATCH, 1L);
		// the damaged event's number is missing: counted as lost, as a gap in the publisher's sequence
		assertThat(this.entryPoint.stats().lost()).isEqualTo(1);
	}

	@Test
	void aBurstOfEmitsArrivesWholeAndInOrder() {
		List<Integer> received = new CopyOnWriteArrayList<>();
		this.entryPoint.on("in.burst", Integer.class, received::add);
		this.entryPoint.connect();
		try (NatsEntryPoint publisher = new NatsEntryPoint(NatsOptions.builder().servers(this.server.url()).build())) {
			publisher.connect();
			for (int i = 0; i < 20_000; i++) {
				publisher.emit("in.burst", i);
			}

			await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 20_000);
		}
		assertThat(received).hasSize(20_000).isSorted();
		assertThat(this.entryPoint.stats().lost()).isZero();
		assertThat(this.entryPoint.stats().outOfOrder()).isZero();
	}

	@Test
	void reservedTypesCannotBeEmitted() {
		this.entryPoint.connect();

		assertThatIllegalArgumentException().isThrownBy(() -> this.entryPoint.emit(ReservedTopics.CLOSE))
			.withMessageContaining("reserved");
		assertThat(this.entryPoint.isClosed()).isFalse();
	}

	private static byte[] frame(String type) {
		return frame(type, 1);
	}

	private static byte[] frame(String type, int sequence) {
		return NativeFrame.write(type.getBytes(StandardCharsets.UTF_8), "\"x\"".getBytes(StandardCharsets.UTF_8),
				"builtins.str", id(sequence), "2026-12-06T12:00:00.000000", "raw", sequence, Map.of());
	}

	private static String id(int sequence) {
		return "6f1c0d2e-8f5a-4b8e-9a57-1f0b5c8d2e1" + sequence;
	}
}
