package io.aiodistbus.codec;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PayloadCodecTest {

	private final PayloadCodec codec = new PayloadCodec(new DtypeRegistry());

	record Line(String text, List<Integer> tags, Map<String, Double> scores) {
	}

	record Chat(Greeting from, List<Line> lines, Map<String, Greeting> byName, byte[] blob) {
	}

	record Renamed(String firstName) {
	}

	record Envelope(String from, Object inner) {
	}

	record Stamped(Instant at, LocalDate day, LocalDateTime local, Duration length, Optional<String> room,
			Optional<Integer> none) {
	}

	interface Shape {
	}

	record Square(int side) implements Shape {
	}

	private byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private Object roundTrip(Object data) {
		return this.codec.decode(this.codec.encode(data), this.codec.dtypeOf(data));
	}

	@Test
	void dtypeOfBuiltins() {
		assertThat(this.codec.dtypeOf(null)).isEqualTo(Dtypes.NONE);
		assertThat(this.codec.dtypeOf("s")).isEqualTo(Dtypes.STR);
		assertThat(this.codec.dtypeOf(new StringBuilder("s"))).isEqualTo(Dtypes.STR);
		assertThat(this.codec.dtypeOf(new byte[0])).isEqualTo(Dtypes.BYTES);
		for (Object number : List.of(1, 1L, (short) 1, (byte) 1, BigInteger.TEN)) {
			assertThat(this.codec.dtypeOf(number)).isEqualTo(Dtypes.INT);
		}
		for (Object number : List.of(1.0, 1.0f, BigDecimal.ONE)) {
			assertThat(this.codec.dtypeOf(number)).isEqualTo(Dtypes.FLOAT);
		}
		assertThat(this.codec.dtypeOf(true)).isEqualTo(Dtypes.BOOL);
		assertThat(this.codec.dtypeOf(Map.of())).isEqualTo(Dtypes.DICT);
		assertThat(this.codec.dtypeOf(List.of())).isEqualTo(Dtypes.LIST);
		assertThat(this.codec.dtypeOf(new LinkedHashSet<>())).isEqualTo(Dtypes.LIST);
		assertThat(this.codec.dtypeOf(new int[0])).isEqualTo(Dtypes.LIST);
		assertThat(this.codec.dtypeOf(new String[0])).isEqualTo(Dtypes.LIST);
	}

	@Test
	void dtypeOfPayloadClassRegistersIt() {
		assertThat(this.codec.dtypeOf(new Greeting("a", 1))).isEqualTo("__main__.Greeting");
		assertThat(this.codec.dtypeOf(new Square(2))).isEqualTo(Square.class.getName());
		assertThat(this.codec.registry().classFor(Square.class.getName())).isEqualTo(Square.class);
		this.codec.registry().register("geo.Line", Line.class);
		assertThat(this.codec.dtypeOf(new Line("t", List.of(), Map.of()))).isEqualTo("geo.Line");
	}

	@Test
	void strIsWrittenAsPythonWritesIt() {
		assertThat(this.codec.encode("h\u00e9llo")).containsExactly(34, 104, 92, 117, 48, 48, 101, 57, 108, 108, 111, 34);
		assertThat(this.codec.encode("\ud83d\ude00")).isEqualTo(ascii("\"\\ud83d\\ude00\""));
	}

	@Test
	void strRoundTrips() {
		for (String text : List.of("", "plain", "h\u00e9llo", "\ud83d\ude00 emoji", "\u65e5\u672c\u8a9e",
				"quote\" back\\ nl\n tab\t nul\u0000 del\u007f")) {
			assertThat(roundTrip(text)).isEqualTo(text);
			assertThat(this.codec.decode(this.codec.encode(text), Dtypes.STR, String.class)).isEqualTo(text);
		}
		assertThat(roundTrip(new StringBuilder("sb"))).isEqualTo("sb");
	}

	@Test
	void bytesRoundTripUnchanged() {
		byte[] all = new byte[256];
		for (int i = 0; i < all.length; i++) {
			all[i] = (byte) i;
		}
		assertThat(this.codec.encode(all)).isSameAs(all);
		assertThat((byte[]) roundTrip(all)).isEqualTo(all);
		assertThat(this.codec.decode(all, Dtypes.BYTES, byte[].class)).isEqualTo(all);
	}

	@Test
	void intsDecodeToLongOrBigInteger() {
		assertThat(this.codec.encode(42)).isEqualTo(ascii("42"));
		assertThat(roundTrip(42)).isEqualTo(42L);
		assertThat(roundTrip(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
		assertThat(roundTrip(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
		BigInteger big = BigInteger.TWO.pow(100).negate();
		assertThat(roundTrip(big)).isEqualTo(big);
		assertThat(this.codec.decode(ascii("42"), Dtypes.INT, Integer.class)).isEqualTo(42);
		assertThat(this.codec.decode(ascii("42"), Dtypes.INT, int.class)).isEqualTo(42);
		assertThat(this.codec.decode(ascii("42"), Dtypes.INT, Number.class)).isEqualTo(42L);
		assertThat(this.codec.decode(ascii("42"), Dtypes.INT, Double.class)).isEqualTo(42.0);
		assertThat(this.codec.decode(ascii("42"), Dtypes.INT, BigDecimal.class)).isEqualByComparingTo("42");
	}

	@Test
	void floatsIncludingNonFiniteOnes() {
		assertThat(this.codec.encode(0.5)).isEqualTo(ascii("0.5"));
		assertThat(roundTrip(0.5)).isEqualTo(0.5);
		assertThat(roundTrip(1e300)).isEqualTo(1e300);
		assertThat(roundTrip(0.1f)).isEqualTo(0.1);
		assertThat(this.codec.encode(Double.NaN)).isEqualTo(ascii("NaN"));
		assertThat(this.codec.encode(Double.NEGATIVE_INFINITY)).isEqualTo(ascii("-Infinity"));
		assertThat((Double) roundTrip(Double.NaN)).isNaN();
		assertThat(roundTrip(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(this.codec.decode(ascii("Infinity"), Dtypes.FLOAT, double.class)).isInfinite();
		assertThat(this.codec.decode(ascii("1e+100"), Dtypes.FLOAT)).isEqualTo(1e100);
		assertThat(this.codec.decode(ascii("2"), Dtypes.FLOAT)).isEqualTo(2.0);
	}

	@Test
	void boolsAndNone() {
		assertThat(this.codec.encode(true)).isEqualTo(ascii("true"));
		assertThat(roundTrip(false)).isEqualTo(false);
		assertThat(this.codec.encode(null)).isEqualTo(ascii("null"));
		assertThat(roundTrip(null)).isNull();
		assertThat(this.codec.decode(ascii("null"), Dtypes.NONE, Greeting.class)).isNull();
		assertThat(this.codec.decode(null, Dtypes.STR, String.class)).isNull();
	}

	@Test
	@SuppressWarnings("unchecked")
	void dictAndListDecodeToLinkedHashMapAndArrayList() {
		Map<String, Object> dict = new LinkedHashMap<>();
		dict.put("z", List.of(1, 2));
		dict.put("a", Map.of("b", "\u00e9"));
		dict.put("n", null);
		assertThat(this.codec.encode(dict)).isEqualTo(ascii("{\"z\":[1,2],\"a\":{\"b\":\"\\u00e9\"},\"n\":null}"));
		Object decoded = roundTrip(dict);
		assertThat(decoded).isInstanceOf(LinkedHashMap.class).isEqualTo(dict);
		assertThat(((Map<String, Object>) decoded).keySet()).containsExactly("z", "a", "n");

		Object list = roundTrip(new Object[] { "a", 1, 2.5, true, null });
		assertThat(list).isInstanceOf(ArrayList.class);
		assertThat((List<Object>) list).containsExactly("a", 1, 2.5, true, null);
		assertThat(this.codec.decode(ascii("[1, 2]"), Dtypes.LIST, int[].class)).containsExactly(1, 2);
		assertThat(this.codec.decode(ascii("{\"a\": [1, 2]}"), Dtypes.DICT, Map.class))
			.isEqualTo(Map.of("a", List.of(1, 2)));
	}

	@Test
	void recordsRoundTrip() {
		Greeting greeting = new Greeting("py", 7);
		assertThat(this.codec.encode(greeting)).isEqualTo(ascii("{\"name\":\"py\",\"count\":7}"));
		assertThat(roundTrip(greeting)).isEqualTo(greeting);
		assertThat(this.codec.decode(ascii("{\"name\": \"py\", \"count\": 7, \"extra\": [1]}"), "__main__.Greeting",
				Greeting.class))
			.isEqualTo(greeting);
	}

	@Test
	void nestedRecordsRoundTrip() {
		Chat chat = new Chat(new Greeting("\u00e9", 1),
				List.of(new Line("l1", List.of(1, 2), Map.of("s", 0.5)), new Line("l2", List.of(), Map.of())),
				Map.of("k", new Greeting("k", 2)), new byte[] { 1, 2 });
		Chat decoded = (Chat) roundTrip(chat);
		assertThat(decoded).usingRecursiveComparison().isEqualTo(chat);
	}

	@Test
	void targetTypeWinsOverDtype() {
		byte[] json = ascii("{\"name\":\"py\",\"count\":7}");
		assertThat(this.codec.decode(json, "other.Greeting", Greeting.class)).isEqualTo(new Greeting("py", 7));
		assertThat((Object) this.codec.decode(json, "__main__.Greeting", Map.class)).isEqualTo(Map.of("name", "py", "count", 7));
		assertThat(this.codec.decode(json, "__main__.Greeting", byte[].class)).isSameAs(json);
		this.codec.registry().register("geo.Square", Square.class);
		assertThat(this.codec.decode(ascii("{\"side\":3}"), "geo.Square", Shape.class)).isEqualTo(new Square(3));
	}

	@Test
	void unknownDtypeDecodesToRawPayload() {
		byte[] json = ascii("{\"name\": \"py\", \"count\": 7}");
		Object decoded = this.codec.decode(json, "remote.Thing");
		assertThat(decoded).isInstanceOf(RawPayload.class);
		RawPayload raw = (RawPayload) decoded;
		assertThat(raw.dtype()).isEqualTo("remote.Thing");
		assertThat(raw.bytes()).isEqualTo(json).isNotSameAs(json);
		assertThat(raw.json().get("count").asInt()).isEqualTo(7);
		assertThat(raw.as(Greeting.class)).isEqualTo(new Greeting("py", 7));
		assertThat(raw).hasToString("RawPayload[dtype=remote.Thing, 26 bytes: {\"name\": \"py\", \"count\": 7}]");
		assertThat(raw).isEqualTo(this.codec.decode(json.clone(), "remote.Thing"))
			.isNotEqualTo(this.codec.decode(json, "remote.Other"));
		assertThat(this.codec.dtypeOf(raw)).isEqualTo("remote.Thing");
		assertThat(this.codec.encode(raw)).isEqualTo(json);
	}

	@Test
	void rawPayloadOfNonJson() {
		RawPayload raw = this.codec.decode(new byte[] { (byte) 0xff, 0 }, Dtypes.BYTES, RawPayload.class);
		assertThat(raw.json()).isNull();
		assertThat(raw).hasToString("RawPayload[dtype=builtins.bytes, 2 bytes: 0xff00]");
	}

	@Test
	void failureNamesEventDtypeAndTarget() {
		assertThatExceptionOfType(PayloadCodecException.class)
			.isThrownBy(() -> this.codec.decode(ascii("{\"name\": 5, \"count\": \"x\"}"), "x.Y", Greeting.class,
					"chat.message", "id-1"))
			.withMessageStartingWith("Cannot decode payload of event 'chat.message' (id id-1) with dtype 'x.Y' to "
					+ Greeting.class.getName() + ": ")
			.satisfies((ex) -> {
				assertThat(ex.dtype()).isEqualTo("x.Y");
				assertThat(ex.javaType()).isEqualTo(Greeting.class);
				assertThat(ex.eventType()).isEqualTo("chat.message");
				assertThat(ex.eventId()).isEqualTo("id-1");
			});
		assertThatExceptionOfType(PayloadCodecException.class)
			.isThrownBy(() -> this.codec.decode(ascii("not json"), Dtypes.INT))
			.withMessageStartingWith("Cannot decode payload with dtype 'builtins.int' to java.lang.Object: ");
		assertThatExceptionOfType(PayloadCodecException.class)
			.isThrownBy(() -> this.codec.decode(ascii("42 43"), Dtypes.INT, Long.class));
		assertThatExceptionOfType(PayloadCodecException.class)
			.isThrownBy(() -> this.codec.decode(new byte[] { 1 }, Dtypes.BYTES, String.class))
			.withMessageContaining("raw bytes");
	}

	@Test
	void usesTheApplicationMapperWithoutChangingIt() throws Exception {
		ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
		PayloadCodec snake = new PayloadCodec(new DtypeRegistry(), mapper);
		assertThat(snake.encode(new Renamed("\u00e9"))).isEqualTo(ascii("{\"first_name\":\"\\u00e9\"}"));
		assertThat(snake.decode(ascii("{\"first_name\":\"a\",\"x\":1}"), "r.R", Renamed.class))
			.isEqualTo(new Renamed("a"));
		assertThat(mapper.writeValueAsString("\u00e9")).isEqualTo("\"\u00e9\"");
	}

	@Test
	void writesJavaTimeAsIsoTextAndOptionalAsItsValue() {
		Stamped stamped = new Stamped(Instant.parse("2026-11-28T12:00:00.123456Z"), LocalDate.of(2026, 11, 28),
				LocalDateTime.of(2026, 11, 28, 12, 30, 15), Duration.ofMillis(1500), Optional.of("A1"), Optional.empty());

		byte[] bytes = this.codec.encode(stamped);

		assertThat(bytes).isEqualTo(ascii("{\"at\":\"2026-11-28T12:00:00.123456Z\",\"day\":\"2026-11-28\","
				+ "\"local\":\"2026-11-28T12:30:15\",\"length\":\"PT1.5S\",\"room\":\"A1\",\"none\":null}"));
		assertThat(this.codec.decode(bytes, "x.Stamped", Stamped.class)).isEqualTo(stamped);
		assertThat(this.codec.decode(ascii("{\"at\": \"2026-11-28T12:00:00Z\"}"), Dtypes.DICT, Stamped.class))
			.isEqualTo(new Stamped(Instant.parse("2026-11-28T12:00:00Z"), null, null, null, Optional.empty(),
					Optional.empty()));
	}

	@Test
	void mapsPayloadClassesWithThePayloadMapperAndBuiltinsWithout() {
		List<String> calls = new ArrayList<>();
		PayloadMapper recording = new PayloadMapper() {

			@Override
			public byte[] write(Object payload) {
				calls.add("write " + payload.getClass().getSimpleName());
				return ascii("{\"name\":\"w\",\"count\":1}");
			}

			@Override
			public Object read(byte[] json, Class<?> type) throws IOException {
				calls.add("read " + type.getSimpleName());
				if (json.length == 0) {
					throw new IOException("no JSON at all");
				}
				return new Greeting("r", 2);
			}
		};
		PayloadCodec custom = new PayloadCodec(new DtypeRegistry(), recording);
		custom.registry().register(Greeting.class);

		assertThat(custom.encode(Map.of("a", List.of(1.5, "\u00e9")))).isEqualTo(ascii("{\"a\":[1.5,\"\\u00e9\"]}"));
		assertThat(custom.decode(ascii("{\"a\": 1}"), Dtypes.DICT)).isEqualTo(Map.of("a", 1));
		assertThat(custom.decode(ascii("7"), Dtypes.INT, Integer.class)).isEqualTo(7);
		assertThat(calls).isEmpty();
		assertThat(custom.encode(new Greeting("g", 1))).isEqualTo(ascii("{\"name\":\"w\",\"count\":1}"));
		assertThat(custom.decode(ascii("{}"), "__main__.Greeting")).isEqualTo(new Greeting("r", 2));
		assertThat(custom.decode(ascii("{}"), Dtypes.DICT, Greeting.class)).isEqualTo(new Greeting("r", 2));
		assertThat(calls).containsExactly("write Greeting", "read Greeting", "read Greeting");
		assertThatExceptionOfType(PayloadCodecException.class)
			.isThrownBy(() -> custom.decode(new byte[0], "__main__.Greeting"))
			.withMessageEndingWith(": no JSON at all");
	}

	@Test
	void writesARawPayloadInsideAPayloadAsItsJson() {
		RawPayload raw = this.codec.decode(ascii("{\"x\": [1, \"a\"]}"), "py.Unknown", RawPayload.class);

		assertThat(this.codec.encode(new Envelope("py", raw)))
			.isEqualTo(ascii("{\"from\":\"py\",\"inner\":{\"x\":[1,\"a\"]}}"));
		RawPayload notJson = this.codec.decode(new byte[] { 1, 2 }, "py.Unknown", RawPayload.class);
		assertThatExceptionOfType(PayloadCodecException.class)
			.isThrownBy(() -> this.codec.encode(new Envelope("py", notJson)))
			.withMessageStartingWith("Cannot encode payload of " + Envelope.class.getName());
	}
}
