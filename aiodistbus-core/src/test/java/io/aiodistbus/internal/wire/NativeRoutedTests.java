package io.aiodistbus.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aiodistbus.DropReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NativeRoutedTests {

	private static final byte[] TOPIC = "aiodistbus.eventbus.member.c1/billing/order.*/".getBytes(StandardCharsets.UTF_8);

	@Test
	void wrapsAFrameUntouchedAndReadsItBack() {
		byte[] frame = frame("order.created", 1);
		byte[] routed = NativeRouted.write(TOPIC, frame);

		assertThat(NativeRouted.isRouted(routed)).isTrue();
		assertThat(NativeBatch.isBatch(routed)).isFalse();
		assertThat(NativeRouted.memberTopic(routed)).isEqualTo(new String(TOPIC, StandardCharsets.UTF_8));
		assertThat(NativeRouted.inner(routed)).isEqualTo(frame);
		WireEvent event = NativeFrame.decode(NativeRouted.inner(routed), new NativeFrame.Checker());
		assertThat(event.type()).isEqualTo("order.created");
		assertThat(event.headers()).containsEntry("k", "v");
	}

	@Test
	void wrapsABatchUntouched() {
		NativeBatch.Builder builder = new NativeBatch.Builder(16_384);
		byte[] topic = "order.created".getBytes(StandardCharsets.UTF_8);
		builder.add(topic, frame("order.created", 1));
		builder.add(topic, frame("order.created", 2));
		byte[] batch = builder.take();

		byte[] inner = NativeRouted.inner(NativeRouted.write(TOPIC, batch));

		assertThat(inner).isEqualTo(batch);
		assertThat(NativeBatch.check(inner, new NativeFrame.Checker())).isEqualTo(2);
	}

	@Test
	void isToldFromSingleFramesAndBatches() {
		assertThat(NativeRouted.isRouted(frame("order.created", 1))).isFalse();
		assertThat(NativeRouted.isRouted(new byte[] { 'a', 0, (byte) 0xAD })).isFalse();
		assertThat(NativeRouted.isRouted(new byte[0])).isFalse();
		assertThatExceptionOfType(WireFormatException.class).isThrownBy(() -> NativeRouted.inner(frame("x", 1)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(DropReason.MALFORMED));
	}

	@Test
	void aRoutedMessageIsNoValidSingleFrame() {
		byte[] routed = NativeRouted.write(TOPIC, frame("order.created", 1));

		assertThat(NativeFrame.isNative(routed)).isTrue();
		assertThatExceptionOfType(WireFormatException.class)
			.isThrownBy(() -> NativeFrame.check(routed, new NativeFrame.Checker()));
	}

	private static byte[] frame(String type, long sequence) {
		return NativeFrame.write(type.getBytes(StandardCharsets.UTF_8), "\"x\"".getBytes(StandardCharsets.UTF_8),
				"builtins.str", "id-" + sequence, "2026-12-06T12:00:00.000000", "src", sequence, Map.of("k", "v"));
	}
}
