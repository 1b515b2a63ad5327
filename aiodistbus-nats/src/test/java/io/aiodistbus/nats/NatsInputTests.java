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
import io.aiodistbus.internal.wire.NativeFrame;
import io.nats.client.Connection;
import io.nats.client.Nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * What other NATS clients may publish on the bus's subjects: messages that are no native frame, frames
 * on another type's subject, and a damaged frame are dropped and counted by reason, and the entry point
 * keeps serving; reserved types cannot be emitted.
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
	void reservedTypesCannotBeEmitted() {
		this.entryPoint.connect();

		assertThatIllegalArgumentException().isThrownBy(() -> this.entryPoint.emit(ReservedTopics.CLOSE))
			.withMessageContaining("reserved");
		assertThat(this.entryPoint.isClosed()).isFalse();
	}

	private static byte[] frame(String type) {
		return NativeFrame.write(type.getBytes(StandardCharsets.UTF_8), "\"x\"".getBytes(StandardCharsets.UTF_8),
				"builtins.str", "6f1c0d2e-8f5a-4b8e-9a57-1f0b5c8d2e11", "2026-12-06T12:00:00.000000", "raw", 1, Map.of());
	}
}
