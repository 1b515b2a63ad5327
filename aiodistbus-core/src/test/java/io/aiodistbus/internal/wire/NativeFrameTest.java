package io.aiodistbus.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import io.aiodistbus.DropReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NativeFrameTest {

	private static final String ID = "0c8a3e57-4a1f-4f3e-9d1c-2b5e8f7a6c10";

	private static final String TIME = "\"2026-11-28T12:00:00.123456\"";

	private final NativeFrame.Checker checker = new NativeFrame.Checker();

	@Test
	void everyFieldSurvivesARoundTrip() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		headers.put("caf\u00e9", "\ud83d\ude00");
		headers.put("empty", "");
		byte[] data = "{\"name\":\"py\",\"count\":7}".getBytes(StandardCharsets.UTF_8);
		WireEvent event = new WireEvent("demo.gr\u00fc\u00df", data, "__main__.Greeting", ID, TIME, "client-1",
				Long.MAX_VALUE - 3, headers);

		byte[] frame = NativeFrame.write(event);
		WireEvent decoded = NativeFrame.decode(frame, this.checker);

		assertThat(NativeFrame.isNative(frame)).isTrue();
		assertThat(NativeFrame.check(frame, this.checker))
			.isEqualTo("demo.gr\u00fc\u00df".getBytes(StandardCharsets.UTF_8).length);
		assertThat(decoded.type()).isEqualTo(event.type());
		assertThat(decoded.data()).isEqualTo(data);
		assertThat(decoded.dtype()).isEqualTo("__main__.Greeting");
		assertThat(decoded.id()).isEqualTo(ID);
		assertThat(decoded.timestamp()).isEqualTo(TIME);
		assertThat(decoded.source()).isEqualTo("client-1");
		assertThat(decoded.sequence()).isEqualTo(Long.MAX_VALUE - 3);
		assertThat(decoded.headers()).containsExactlyEntriesOf(headers);
	}

	@Test
	void aNonAsciiTextInAnyFieldIsWrittenAsUtf8() {
		String text = "caf\u00e9-\u0100-\ud83d\ude00";
		byte[] topic = "t".getBytes(StandardCharsets.UTF_8);
		WireEvent[] variants = { new WireEvent("t", null, text, ID, TIME, "c", 1, Map.of()),
				new WireEvent("t", null, "d", text, TIME, "c", 1, Map.of()),
				new WireEvent("t", null, "d", ID, text, "c", 1, Map.of()),
				new WireEvent("t", null, "d", ID, TIME, text, 1, Map.of()),
				new WireEvent("t", null, "d", ID, TIME, "c", 1, Map.of("k", text)) };

		for (WireEvent event : variants) {
			byte[] frame = NativeFrame.write(topic, event.data(), event.dtype(), event.id(), event.timestamp(),
					event.source(), event.sequence(), event.headers());
			assertThat(NativeFrame.decode(frame, new NativeFrame.Checker())).isEqualTo(event);
		}
	}

	@Test
	void theFlagsTellWhetherAFrameHasHeaders() {
		byte[] topic = "t".getBytes(StandardCharsets.UTF_8);
		byte[] plain = NativeFrame.write(topic, null, null, ID, TIME, null, 0, Map.of());
		byte[] withHeaders = NativeFrame.write(topic, null, null, ID, TIME, null, 0, Map.of("reply-to", "r"));
		byte[] padded = new byte[withHeaders.length + 3];
		System.arraycopy(withHeaders, 0, padded, 3, withHeaders.length);

		assertThat(NativeFrame.hasHeaders(plain, 0, NativeFrame.check(plain, this.checker))).isFalse();
		assertThat(NativeFrame.hasHeaders(withHeaders, 0, NativeFrame.check(withHeaders, this.checker))).isTrue();
		assertThat(NativeFrame.hasHeaders(padded, 3, topic.length)).isTrue();
	}

	@Test
	void optionalFieldsMayBeAbsent() {
		byte[] frame = NativeFrame.write("t".getBytes(StandardCharsets.UTF_8), null, null, ID, TIME, null, 0,
				Map.of());

		WireEvent decoded = NativeFrame.decode(frame, this.checker);

		assertThat(decoded.data()).isNull();
		assertThat(decoded.dtype()).isNull();
		assertThat(decoded.source()).isNull();
		assertThat(decoded.headers()).isEmpty();
		assertThat(frame).hasSize(1 + 3 + 4 + 1 + 2 + ID.length() + 2 + TIME.length());
	}

	@Test
	void emptyPayloadIsNotNoPayload() {
		byte[] frame = NativeFrame.write("t".getBytes(StandardCharsets.UTF_8), new byte[0], "builtins.bytes", ID,
				TIME, null, 0, Map.of());

		assertThat(NativeFrame.decode(frame, this.checker).data()).isEmpty();
	}

	@Test
	void payloadTravelsAsItsOwnBytesAtTheEnd() {
		byte[] data = { 0, (byte) 0xAD, 1, (byte) 0xff };
		byte[] frame = NativeFrame.write("t".getBytes(StandardCharsets.UTF_8), data, "builtins.bytes", ID, TIME,
				null, 0, Map.of());

		assertThat(Arrays.copyOfRange(frame, frame.length - 4, frame.length)).isEqualTo(data);
		assertThat(NativeFrame.decode(frame, this.checker).data()).isEqualTo(data);
	}

	@Test
	void checkerReusesTheStringsOfTheLastFrame() {
		WireEvent event = new WireEvent("bench.tick", new byte[] { 1 }, "bench.Tick", ID, TIME, "c", 1, Map.of());

		WireEvent first = NativeFrame.decode(NativeFrame.write(event), this.checker);
		WireEvent second = NativeFrame.decode(NativeFrame.write(event), this.checker);

		assertThat(second.type()).isSameAs(first.type());
		assertThat(second.dtype()).isSameAs(first.dtype());
		assertThat(second.source()).isSameAs(first.source());
	}

	@Test
	void everyFlippedByteIsRefused() {
		byte[] frame = sample();
		for (int i = 0; i < frame.length; i++) {
			byte[] corrupt = frame.clone();
			corrupt[i] ^= 0x01;
			int at = i;
			assertThatExceptionOfType(WireFormatException.class).as("byte %d flipped", at)
				.isThrownBy(() -> NativeFrame.decode(corrupt, this.checker));
		}
	}

	@Test
	void wrongChecksumIsCountedAsChecksum() {
		byte[] frame = sample();
		frame[frame.length - 1] ^= 0x40;

		assertThatExceptionOfType(WireFormatException.class).isThrownBy(() -> NativeFrame.check(frame, this.checker))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(DropReason.CHECKSUM);
				assertThat(ex.eventType()).isEqualTo("demo.tick");
			});
	}

	@Test
	void truncatedFrameIsMalformedEvenWithAFreshChecksum() {
		byte[] frame = sample();
		int dataLength = 4;
		byte[] cut = resealed(Arrays.copyOf(frame, frame.length - dataLength - 3));

		assertThatExceptionOfType(WireFormatException.class).isThrownBy(() -> NativeFrame.check(cut, this.checker))
			.extracting(WireFormatException::reason)
			.isEqualTo(DropReason.MALFORMED);
	}

	@Test
	void unknownVersionIsMalformed() {
		byte[] frame = sample();
		frame["demo.tick".length() + 2] = 2;

		assertThatExceptionOfType(WireFormatException.class).isThrownBy(() -> NativeFrame.check(frame, this.checker))
			.withMessageContaining("version 2")
			.extracting(WireFormatException::reason)
			.isEqualTo(DropReason.MALFORMED);
	}

	@Test
	void unknownFlagsAreMalformed() {
		byte[] frame = sample();
		frame["demo.tick".length() + 7] |= 0x10;

		assertThatExceptionOfType(WireFormatException.class)
			.isThrownBy(() -> NativeFrame.check(resealed(frame), this.checker))
			.withMessageContaining("unknown flags")
			.extracting(WireFormatException::reason)
			.isEqualTo(DropReason.MALFORMED);
	}

	@Test
	void invalidUtf8InAFieldIsRefused() {
		byte[] frame = NativeFrame.write("t".getBytes(StandardCharsets.UTF_8), null, "abc", ID, TIME, null, 0,
				Map.of());
		frame[frame.length - 2] = (byte) 0xC3;
		frame[frame.length - 1] = (byte) 0x28;

		assertThatExceptionOfType(WireFormatException.class)
			.isThrownBy(() -> NativeFrame.check(resealed(frame), this.checker))
			.extracting(WireFormatException::reason)
			.isEqualTo(DropReason.UTF8);
	}

	@Test
	void pythonFramesAndGarbageAreNotNative() {
		assertThat(NativeFrame.isNative("demo.tick".getBytes(StandardCharsets.UTF_8))).isFalse();
		assertThat(NativeFrame.isNative(new byte[] { 0, (byte) 0xAD, 1, 0, 0, 0, 0, 0, 0 })).isFalse();
		assertThat(NativeFrame.isNative(new byte[0])).isFalse();
		assertThatExceptionOfType(WireFormatException.class)
			.isThrownBy(() -> NativeFrame.check("demo.tick".getBytes(StandardCharsets.UTF_8), this.checker))
			.extracting(WireFormatException::reason)
			.isEqualTo(DropReason.FRAME_COUNT);
	}

	@Test
	void reservedTypesAreToldFromTheFrame() {
		byte[] pulse = NativeFrame.write("aiodistbus.eventbus.pulse".getBytes(StandardCharsets.UTF_8), null, null,
				ID, TIME, null, 0, Map.of());
		byte[] own = sample();

		assertThat(NativeFrame.isReserved(pulse, NativeFrame.check(pulse, this.checker))).isTrue();
		assertThat(NativeFrame.isReserved(own, NativeFrame.check(own, this.checker))).isFalse();
	}

	@Test
	void whatTheFormatCannotCarryIsRefusedAtWrite() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NativeFrame.write("a\0b".getBytes(StandardCharsets.UTF_8), null, null, ID, TIME, null,
					0, Map.of()))
			.withMessageContaining("NUL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NativeFrame.write("t".getBytes(StandardCharsets.UTF_8), null, null, ID, TIME, null, 0,
					Map.of("big", "x".repeat(70_000))))
			.withMessageContaining("header value");
	}

	private static byte[] sample() {
		return NativeFrame.write("demo.tick".getBytes(StandardCharsets.UTF_8), new byte[] { 1, 2, 3, 4 },
				"bench.Tick", ID, TIME, "client-1", 42, Map.of("k", "v"));
	}

	/** Writes a fresh checksum, so that a test reaches the check after it. */
	private static byte[] resealed(byte[] frame) {
		int nul = 0;
		while (frame[nul] != 0) {
			nul++;
		}
		CRC32 crc = new CRC32();
		crc.update(frame, 0, nul);
		crc.update(frame, nul + 7, frame.length - nul - 7);
		int value = (int) crc.getValue();
		frame[nul + 3] = (byte) (value >>> 24);
		frame[nul + 4] = (byte) (value >>> 16);
		frame[nul + 5] = (byte) (value >>> 8);
		frame[nul + 6] = (byte) value;
		return frame;
	}
}
