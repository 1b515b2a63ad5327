package io.aiodistbus.internal.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aiodistbus.DropReason;
import io.aiodistbus.codec.DtypeRegistry;
import io.aiodistbus.codec.Dtypes;
import io.aiodistbus.codec.Greeting;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.codec.PayloadCodecException;
import io.aiodistbus.codec.RawPayload;
import io.aiodistbus.event.Event;
import io.aiodistbus.event.ReservedTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventFramesTest {

	private static final String ID = "0c8a3e57-4a1f-4f3e-9d1c-2b5e8f7a6c10";

	private static final Instant TIME = Instant.parse("2026-11-28T12:00:00.123456Z");

	private final PayloadCodec codec = new PayloadCodec(new DtypeRegistry());

	record Order(String item, List<Greeting> greetings, Map<String, Long> counts) {
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static DropReason dropReason(byte[] topic, byte[] json, byte[] crc) {
		return assertThatExceptionOfType(WireFormatException.class)
			.isThrownBy(() -> EventFrames.decode(topic, json, crc))
			.actual()
			.reason();
	}

	private static byte[] json(String type) {
		return utf8("{\"type\": \"" + type + "\", \"data\": null, \"dtype\": null, \"id\": \"i\", \"timestamp\": \""
				+ "2026-11-28T12:00:00\"}");
	}

	@Test
	void encodesTopicJsonAndChecksum() {
		byte[][] frames = EventFrames.encode(Event.of("chat.message", "hi", Dtypes.STR, ID, TIME), this.codec);
		assertThat(frames).hasNumberOfRows(3);
		assertThat(frames[0]).isEqualTo(utf8("chat.message"));
		assertThat(new String(frames[1], StandardCharsets.US_ASCII)).isEqualTo("{\"type\":\"chat.message\","
				+ "\"data\":[34,104,105,34],\"dtype\":\"builtins.str\",\"id\":\"" + ID + "\","
				+ "\"timestamp\":\"2026-11-28T12:00:00.123456\"}");
		assertThat(frames[2]).isEqualTo(Crc32s.checksum(frames[1]));
	}

	@Test
	void roundTripsEveryDtype() {
		byte[] all = new byte[256];
		for (int i = 0; i < all.length; i++) {
			all[i] = (byte) i;
		}
		List<Object> payloads = List.of("h\u00e9llo \ud83d\ude00", all, 42L, Long.MAX_VALUE,
				new java.math.BigInteger("123456789012345678901234567890"), 0.5, true, Map.of("a", List.of(1, 2)),
				List.of("x", 1), new Greeting("java", 1),
				new Order("\u00fc", List.of(new Greeting("a", 1)), Map.of("n", 3L)));
		for (Object payload : payloads) {
			Event event = Event.of("t.x", payload, null, ID, TIME);
			byte[][] frames = EventFrames.encode(event, this.codec);
			Event decoded = decode(frames).toEvent(this.codec);
			assertThat(decoded.data()).usingRecursiveComparison().isEqualTo(payload);
			assertThat(decoded.dtype()).isEqualTo(this.codec.dtypeOf(payload));
			assertThat(decoded.id()).isEqualTo(ID);
			assertThat(decoded.timestamp()).isEqualTo(TIME);
		}
		Event nan = decode(EventFrames.encode(Event.of("t", Double.NaN, null), this.codec))
			.toEvent(this.codec);
		assertThat((Double) nan.data()).isNaN();
		Event none = decode(EventFrames.encode(Event.of("t", null, Dtypes.NONE), this.codec))
			.toEvent(this.codec);
		assertThat(none.data()).isNull();
		assertThat(none.dtype()).isEqualTo(Dtypes.NONE);
	}

	@Test
	void unknownDtypeArrivesRawAndRelaysUnchanged() {
		PayloadCodec sender = new PayloadCodec(new DtypeRegistry());
		sender.registry().register("remote.Greeting", Greeting.class);
		byte[][] frames = EventFrames.encode(Event.of("t", new Greeting("py", 7), null, ID, TIME), sender);
		Event received = decode(frames).toEvent(this.codec);
		RawPayload raw = (RawPayload) received.data();
		assertThat(raw.dtype()).isEqualTo("remote.Greeting");
		assertThat(raw.json().get("name").asText()).isEqualTo("py");
		assertThat(EventFrames.encode(received, this.codec)).isDeepEqualTo(frames);
	}

	@Test
	void reservedEventsCarryNoData() {
		byte[][] frames = EventFrames.reserved(ReservedTopics.PULSE);
		WireEvent pulse = EventFrames.decode(frames[0], frames[1], frames[2]);
		assertThat(pulse.type()).isEqualTo(ReservedTopics.PULSE);
		assertThat(pulse.data()).isNull();
		assertThat(pulse.dtype()).isNull();
		assertThat(new String(frames[1], StandardCharsets.US_ASCII))
			.matches("\\{\"type\":\"aiodistbus.eventbus.pulse\",\"data\":null,\"dtype\":null,\"id\":\"[0-9a-f-]{36}\","
					+ "\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\"}");
		assertThatIllegalArgumentException().isThrownBy(() -> EventFrames.reserved("chat.message"));
	}

	@Test
	void wrongChecksum() {
		byte[] json = json("t");
		byte[] crc = Crc32s.checksum(json);
		crc[3]++;
		assertThat(dropReason(utf8("t"), json, crc)).isEqualTo(DropReason.CHECKSUM);
		assertThat(dropReason(utf8("t"), json, new byte[] { 1, 2, 3 })).isEqualTo(DropReason.CHECKSUM);
		assertThat(Crc32s.verify(json, null)).isFalse();
		WireFormatException ex = assertThatExceptionOfType(WireFormatException.class)
			.isThrownBy(() -> EventFrames.decode(utf8("t"), json, crc))
			.actual();
		assertThat(ex.eventType()).isEqualTo("t");
		assertThat(ex.getMessage()).startsWith("checksum: ");
	}

	@Test
	void invalidUtf8() {
		for (byte[] bad : List.of(new byte[] { (byte) 0xff }, new byte[] { (byte) 0xc0, (byte) 0xaf },
				new byte[] { (byte) 0xed, (byte) 0xa0, (byte) 0x80 }, new byte[] { (byte) 0xe2, (byte) 0x82 })) {
			byte[] prefix = utf8("{\"type\": \"t");
			byte[] suffix = utf8("\", \"data\": null, \"dtype\": null, \"id\": \"i\", \"timestamp\": \"x\"}");
			byte[] json = new byte[prefix.length + bad.length + suffix.length];
			System.arraycopy(prefix, 0, json, 0, prefix.length);
			System.arraycopy(bad, 0, json, prefix.length, bad.length);
			System.arraycopy(suffix, 0, json, prefix.length + bad.length, suffix.length);
			assertThat(dropReason(utf8("t"), json, Crc32s.checksum(json))).isEqualTo(DropReason.UTF8);
		}
		byte[] json = json("caf\u00e9");
		assertThat(EventFrames.decode(utf8("caf\u00e9"), json, Crc32s.checksum(json)).type()).isEqualTo("caf\u00e9");
	}

	@Test
	void invalidJson() {
		byte[] json = utf8("{\"type\": \"t\", \"data\": [1,");
		assertThat(dropReason(utf8("t"), json, Crc32s.checksum(json))).isEqualTo(DropReason.JSON);
	}

	@Test
	void topicMustEqualType() {
		byte[] json = json("chatter");
		WireFormatException ex = assertThatExceptionOfType(WireFormatException.class)
			.isThrownBy(() -> EventFrames.decode(utf8("chat"), json, Crc32s.checksum(json)))
			.actual();
		assertThat(ex.reason()).isEqualTo(DropReason.TOPIC_MISMATCH);
		assertThat(ex.eventType()).isEqualTo("chatter");
		assertThat(dropReason(utf8("chattEr"), json, Crc32s.checksum(json))).isEqualTo(DropReason.TOPIC_MISMATCH);
	}

	@Test
	void undecodablePayloadNamesEventAndTarget() {
		byte[][] frames = EventFrames.encode(Event.of("chat.message", "not a greeting", "__main__.Greeting", ID, TIME),
				this.codec);
		WireEvent event = decode(frames);
		assertThatExceptionOfType(PayloadCodecException.class)
			.isThrownBy(() -> this.codec.decode(event.data(), event.dtype(), Greeting.class, event.type(), event.id()))
			.withMessageStartingWith("Cannot decode payload of event 'chat.message' (id " + ID
					+ ") with dtype '__main__.Greeting' to " + Greeting.class.getName() + ": ");
		this.codec.registry().register(Greeting.class);
		assertThatExceptionOfType(PayloadCodecException.class).isThrownBy(() -> event.toEvent(this.codec).data())
			.withMessageContaining("'chat.message'");
		assertThat(event.toEvent(this.codec)).hasToString("Event[type=chat.message, id=" + ID
				+ ", dtype=__main__.Greeting, timestamp=" + event.timestamp() + ", data=<undecodable payload>]");
	}

	@Test
	void dropReasonTags() {
		assertThat(DropReason.CHECKSUM.tag()).isEqualTo("checksum");
		assertThat(DropReason.TOPIC_MISMATCH.tag()).isEqualTo("topic_mismatch");
	}

	private static WireEvent decode(byte[][] frames) {
		return EventFrames.decode(frames[0], frames[1], frames[2]);
	}
}
