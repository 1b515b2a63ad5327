package io.aiodistbus.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aiodistbus.DropReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NativeBatchTest {

	private static final byte[] TOPIC = "bench.tick".getBytes(StandardCharsets.UTF_8);

	private static final String TIME = "\"2026-12-06T12:00:00.123456\"";

	private final NativeFrame.Checker checker = new NativeFrame.Checker();

	@Test
	void eventsOfABatchComeBackInOrderWithEveryField() {
		byte[] batch = batchOf(3);

		Recorded recorded = walk(batch);

		assertThat(NativeBatch.isBatch(batch)).isTrue();
		assertThat(NativeFrame.isNative(batch)).isTrue();
		assertThat(NativeBatch.typeLength(batch)).isEqualTo(TOPIC.length);
		assertThat(NativeBatch.check(batch, this.checker)).isEqualTo(3);
		assertThat(recorded.invalid).isEmpty();
		assertThat(recorded.events).extracting(WireEvent::sequence).containsExactly(1L, 2L, 3L);
		assertThat(recorded.events).extracting(WireEvent::id).containsExactly("id-1", "id-2", "id-3");
		assertThat(recorded.events.get(1).data()).isEqualTo("{\"n\":2}".getBytes(StandardCharsets.UTF_8));
		assertThat(recorded.events.get(1).headers()).containsEntry("k", "v2");
		assertThat(recorded.events).allSatisfy((event) -> {
			assertThat(event.type()).isEqualTo("bench.tick");
			assertThat(event.dtype()).isEqualTo("bench.Tick");
			assertThat(event.source()).isEqualTo("client-1");
		});
	}

	@Test
	void eachEventOfABatchIsAWholeNativeFrame() {
		byte[] batch = batchOf(2);
		List<byte[]> frames = new ArrayList<>();

		NativeBatch.forEach(batch, this.checker, false, new NativeBatch.Sink() {
			@Override
			public void event(int from, int to, WireEvent event) {
				frames.add(java.util.Arrays.copyOfRange(batch, from, to));
			}

			@Override
			public void invalid(WireFormatException ex) {
				throw ex;
			}
		});

		assertThat(frames).hasSize(2);
		assertThat(frames.get(0)).isEqualTo(frame(1));
		assertThat(NativeFrame.decode(frames.get(1), this.checker).id()).isEqualTo("id-2");
	}

	@Test
	void aBuilderOfOneEventGivesThatEventsOwnFrame() {
		NativeBatch.Builder builder = new NativeBatch.Builder(16 * 1024);
		byte[] frame = frame(1);

		builder.add(TOPIC, frame);

		assertThat(builder.take()).isSameAs(frame);
		assertThat(builder.isEmpty()).isTrue();
	}

	@Test
	void aBuilderTakesOnlyEventsOfItsTypeWithinItsLimit() {
		byte[] frame = frame(1);
		NativeBatch.Builder builder = new NativeBatch.Builder(5 + TOPIC.length + 2 * (4 + frame.length));
		byte[] other = "bench.tock".getBytes(StandardCharsets.UTF_8);

		builder.add(TOPIC, frame);

		assertThat(builder.accepts(other, NativeFrame.write(other, null, null, "x", TIME, null, 0, Map.of())))
			.isFalse();
		assertThat(builder.accepts("bench.tic".getBytes(StandardCharsets.UTF_8), frame)).isFalse();
		assertThat(builder.accepts(TOPIC, frame(2))).isTrue();
		builder.add(TOPIC, frame(2));
		assertThat(builder.accepts(TOPIC, frame(3))).isFalse();
		assertThat(builder.take()).hasSize(builder.limit());
	}

	@Test
	void aFlippedByteCostsOnlyTheEventItFallsIn() {
		byte[] clean = batchOf(3);
		int secondEventStart = 5 + TOPIC.length + 4 + frame(1).length + 4;
		// every byte of the second event after its type: checksum, envelope or payload
		for (int at = secondEventStart + TOPIC.length + 3; at < secondEventStart + frame(2).length; at++) {
			byte[] batch = clean.clone();
			batch[at] ^= 0x10;

			Recorded recorded = walk(batch);

			assertThat(recorded.events).as("byte %d", at).extracting(WireEvent::id).containsExactly("id-1", "id-3");
			assertThat(recorded.invalid).as("byte %d", at).hasSize(1);
			int flipped = at;
			assertThatExceptionOfType(WireFormatException.class).as("byte %d", at)
				.isThrownBy(() -> NativeBatch.check(batch, this.checker))
				.satisfies((ex) -> assertThat(ex.reason()).as("byte %d", flipped)
					.isIn(DropReason.CHECKSUM, DropReason.MALFORMED, DropReason.UTF8));
		}
	}

	@Test
	void anEventOfAnotherTypeIsRefusedSoThatSubscriptionsHold() {
		byte[] other = "bench.tock".getBytes(StandardCharsets.UTF_8);
		byte[] foreign = NativeFrame.write(other, null, null, "id-x", TIME, null, 0, Map.of());
		byte[] batch = assemble(TOPIC, frame(1), foreign);

		Recorded recorded = walk(batch);

		assertThat(recorded.events).extracting(WireEvent::id).containsExactly("id-1");
		assertThat(recorded.invalid).singleElement().satisfies((ex) -> {
			assertThat(ex.reason()).isEqualTo(DropReason.MALFORMED);
			assertThat(ex.getMessage()).contains("another type");
		});
	}

	@Test
	void lengthsThatDoNotFitTheFrameEndTheWalk() {
		byte[] clean = batchOf(2);
		byte[] truncated = java.util.Arrays.copyOf(clean, clean.length - 3);
		byte[] trailing = java.util.Arrays.copyOf(clean, clean.length + 2);
		byte[] huge = clean.clone();
		huge[5 + TOPIC.length] = (byte) 0x7f;

		assertThat(walk(truncated).events).extracting(WireEvent::id).containsExactly("id-1");
		assertThat(walk(truncated).invalid).singleElement()
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("does not fit"));
		assertThat(walk(trailing).events).hasSize(2);
		assertThat(walk(trailing).invalid).singleElement()
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("2 bytes after the last event"));
		assertThat(walk(huge).events).isEmpty();
		assertThatExceptionOfType(WireFormatException.class).isThrownBy(() -> NativeBatch.check(huge, this.checker));
	}

	@Test
	void aCountBelowTwoOrAboveTheMostIsRefusedWhole() {
		byte[] one = assemble(TOPIC, frame(1));
		one[TOPIC.length + 4] = 1;

		assertThat(walk(one).events).isEmpty();
		assertThat(walk(one).invalid).singleElement()
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("a batch of 1 events"));
		byte[] many = batchOf(2);
		many[TOPIC.length + 3] = 0x7f;
		assertThatExceptionOfType(WireFormatException.class).isThrownBy(() -> NativeBatch.check(many, this.checker))
			.withMessageContaining("events");
	}

	@Test
	void aSingleNativeEventIsNoBatch() {
		assertThat(NativeBatch.isBatch(frame(1))).isFalse();
		assertThat(NativeBatch.isBatch("bench.tick".getBytes(StandardCharsets.UTF_8))).isFalse();
		assertThat(NativeBatch.isBatch(new byte[0])).isFalse();
	}

	private byte[] batchOf(int count) {
		NativeBatch.Builder builder = new NativeBatch.Builder(16 * 1024);
		for (int n = 1; n <= count; n++) {
			builder.add(TOPIC, frame(n));
		}
		return builder.take();
	}

	private static byte[] assemble(byte[] topic, byte[]... frames) {
		NativeBatch.Builder builder = new NativeBatch.Builder(16 * 1024);
		for (byte[] frame : frames) {
			builder.add(topic, frame);
		}
		if (frames.length > 1) {
			return builder.take();
		}
		// a batch of one, which the builder never writes: the header by hand
		byte[] frame = builder.take();
		byte[] batch = new byte[topic.length + 5 + 4 + frame.length];
		System.arraycopy(topic, 0, batch, 0, topic.length);
		int pos = topic.length;
		batch[pos++] = 0;
		batch[pos++] = NativeFrame.MAGIC;
		batch[pos++] = NativeBatch.KIND;
		batch[pos++] = 0;
		batch[pos++] = 1;
		batch[pos++] = (byte) (frame.length >>> 24);
		batch[pos++] = (byte) (frame.length >>> 16);
		batch[pos++] = (byte) (frame.length >>> 8);
		batch[pos++] = (byte) frame.length;
		System.arraycopy(frame, 0, batch, pos, frame.length);
		return batch;
	}

	private static byte[] frame(int n) {
		return NativeFrame.write(TOPIC, ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), "bench.Tick", "id-" + n,
				TIME, "client-1", n, Map.of("k", "v" + n));
	}

	private Recorded walk(byte[] batch) {
		Recorded recorded = new Recorded();
		NativeBatch.forEach(batch, this.checker, true, recorded);
		return recorded;
	}

	private static final class Recorded implements NativeBatch.Sink {

		private final List<WireEvent> events = new ArrayList<>();

		private final List<WireFormatException> invalid = new ArrayList<>();

		@Override
		public void event(int from, int to, WireEvent event) {
			this.events.add(event);
		}

		@Override
		public void invalid(WireFormatException ex) {
			this.invalid.add(ex);
		}
	}
}
