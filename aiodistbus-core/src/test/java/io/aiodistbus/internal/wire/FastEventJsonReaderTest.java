package io.aiodistbus.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.aiodistbus.DropReason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast reader must return, whenever it returns anything, exactly what Jackson returns, and
 * {@link EventJson#read} must behave as Jackson does on every input: checked on seeded random
 * envelopes in every layout, on mutations of them, and on chosen near misses.
 */
class FastEventJsonReaderTest {

	private static final long SEED = 20261128L;

	private static final int ENVELOPES = 5000;

	private static final int MUTATIONS_PER_ENVELOPE = 6;

	private static final String[] SEGMENTS = { "chat", "message", "demo", "greeting", "a", "x1", "aiodistbus",
			"eventbus", "pulse", "*" };

	private static final String[] ODD_TEXTS = { "caf\u00e9", "\u20ac", "\ud83d\ude00", "q\"uote", "back\\slash",
			"new\nline", "tab\t", "sl/ash", "del\u007f", "" };

	private static final byte[] INTERESTING = ascii("{}[]:,\"\\ 0123456789-+.eEntrufals\t\n\r\f\0");

	private static final String WHITESPACE = " \t\n\r";

	/** An envelope as text and whether the fast reader is meant to take it. */
	private record Envelope(String json, boolean plain) {
	}

	/** What a read gave: the event, or the failure's reason, message and event type. */
	private record Outcome(WireEvent event, DropReason reason, String message, String eventType) {

		static Outcome of(byte[] json, boolean jacksonOnly) {
			try {
				return new Outcome(jacksonOnly ? EventJson.readWithJackson(json) : EventJson.read(json), null, null,
						null);
			}
			catch (WireFormatException ex) {
				return new Outcome(null, ex.reason(), ex.getMessage(), ex.eventType());
			}
		}
	}

	@Test
	void readsGeneratedEnvelopesAsJacksonDoes() {
		Random random = new Random(SEED);
		int fast = 0;
		for (int i = 0; i < ENVELOPES; i++) {
			Envelope envelope = envelope(random);
			byte[] json = envelope.json().getBytes(StandardCharsets.UTF_8);
			assertThat(Outcome.of(json, true).event()).as(envelope.json()).isNotNull();
			boolean taken = agrees(json);
			if (envelope.plain()) {
				assertThat(taken).as("fast reader takes %s", envelope.json()).isTrue();
			}
			fast += taken ? 1 : 0;
		}
		assertThat(fast).isBetween(ENVELOPES / 4, ENVELOPES - ENVELOPES / 10);
	}

	@Test
	void mutatedEnvelopesFailOrSucceedAsWithJackson() {
		Random random = new Random(SEED + 1);
		int fast = 0;
		int failed = 0;
		for (int i = 0; i < ENVELOPES; i++) {
			byte[] json = envelope(random).json().getBytes(StandardCharsets.UTF_8);
			for (int m = 0; m < MUTATIONS_PER_ENVELOPE; m++) {
				byte[] mutant = mutate(json, random);
				fast += agrees(mutant) ? 1 : 0;
				failed += (Outcome.of(mutant, true).event() == null) ? 1 : 0;
			}
		}
		// both outcomes, and the fast reader taking mutants, must be well represented
		assertThat(fast).isGreaterThan(ENVELOPES / 2);
		assertThat(failed).isGreaterThan(ENVELOPES);
	}

	@Test
	void nearMissesGoToJackson() {
		String id = "\"id\": \"i\", \"timestamp\": \"t\"";
		List<String> misses = List.of("{\"type\": \"t\", \"data\": [01], \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"data\": [-0], \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"data\": [256], \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"data\": [2550], \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"data\": [1.0], \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"data\": [1e2], \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"data\": [1,], \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"data\": [,1], \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"data\": [1 2], \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"data\": nullx, \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"data\": null, \"dtype\": null, " + id + ",}",
				"{\"type\": \"t\", \"data\": null, \"dtype\": null, " + id + "} x",
				"{\"type\": \"t\", \"data\": null, \"dtype\": null, " + id + "}\f",
				"\ufeff{\"type\": \"t\", \"data\": null, \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"type\": \"u\", \"data\": null, \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"data\": [1], \"data\": null, \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"data\": null, \"dtype\": null, \"dtype\": \"d\", " + id + "}",
				"{\"type\": \"t\u0001\", \"data\": null, \"dtype\": null, " + id + "}",
				"{\"type\": \"t\\u0041\", \"data\": null, \"dtype\": null, " + id + "}",
				"{\"typ\\u0065\": \"t\", \"data\": null, \"dtype\": null, " + id + "}",
				"{\"type\": \"caf\u00e9\", \"data\": null, \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"n\": -1, \"data\": null, \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"n\": 007, \"data\": null, \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"n\": 1234567890123456789012, \"data\": null, \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"n\": truex, \"data\": null, \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"n\": {}, \"data\": null, \"dtype\": null, " + id + "}",
				"{\"type\": \"" + "t".repeat(5000) + "\", \"data\": null, \"dtype\": null, " + id + "}",
				"{\"type\": \"t\", \"data\": null, \"dtype\": null, \"id\": null, \"timestamp\": \"t\"}",
				"{\"type\": \"t\", \"data\": null, \"dtype\": null, \"id\": \"i\"}", "{}", "[]", "", " ", "{",
				"{\"type\"", "{\"type\": \"t\", \"data\": [1, 2");
		for (String miss : misses) {
			assertThat(agrees(miss.getBytes(StandardCharsets.UTF_8))).as("fast reader takes %s", miss).isFalse();
		}
		byte[] invalidUtf8 = ascii("{\"type\": \"t?\", \"data\": null, \"dtype\": null, " + id + "}");
		invalidUtf8[11] = (byte) 0xc3;
		assertThat(agrees(invalidUtf8)).isFalse();
		byte[] trailingHighByte = ascii("{\"type\": \"t\", \"data\": null, \"dtype\": null, " + id + "}?");
		trailingHighByte[trailingHighByte.length - 1] = (byte) 0xff;
		assertThat(agrees(trailingHighByte)).isFalse();
	}

	@Test
	void takesTheGoldenLayouts() {
		String json = "{\"type\": \"demo.int\", \"data\": [52, 50], \"dtype\": \"builtins.int\", \"id\": "
				+ "\"e734c1ae-eb44-4d8d-b567-e1641946b733\", \"timestamp\": \"2026-11-28T13:03:22.515696\"}";
		assertThat(agrees(json.getBytes(StandardCharsets.UTF_8))).isTrue();
		byte[] all = new byte[256];
		for (int i = 0; i < all.length; i++) {
			all[i] = (byte) i;
		}
		byte[] compact = EventJson.write("t", all, null, "i", "2026-11-28T13:03:22.515696");
		assertThat(agrees(compact)).isTrue();
		assertThat(FastEventJsonReader.read(compact).data()).isEqualTo(all);
		assertThat(agrees(EventJson.write("t", new byte[0], "builtins.bytes", "i", "ts"))).isTrue();
	}

	/**
	 * Checks that the fast reader returns nothing or Jackson's event, and that {@link EventJson#read}
	 * behaves as Jackson does.
	 * @return whether the fast reader took the frame
	 */
	private static boolean agrees(byte[] json) {
		WireEvent fast = FastEventJsonReader.read(json);
		Outcome jackson = Outcome.of(json, true);
		String shown = new String(json, StandardCharsets.UTF_8);
		if (fast != null) {
			assertThat(jackson.event()).as(shown).isEqualTo(fast);
		}
		assertThat(Outcome.of(json, false)).as(shown).isEqualTo(jackson);
		return fast != null;
	}

	private static Envelope envelope(Random random) {
		boolean[] plain = { true };
		List<String> members = new ArrayList<>();
		String colon = separator(random, ':');
		members.add(quoted("type", random, plain) + colon + quoted(type(random), random, plain));
		members.add(quoted("data", random, plain) + colon + data(random));
		members.add(quoted("dtype", random, plain) + colon
				+ ((random.nextInt(6) == 0) ? "null" : quoted(text(random, "builtins.bytes"), random, plain)));
		members.add(quoted("id", random, plain) + colon
				+ quoted(new UUID(random.nextLong(), random.nextLong()).toString(), random, plain));
		members.add(quoted("timestamp", random, plain) + colon
				+ quoted(text(random, "2026-11-28T13:03:22.515696"), random, plain));
		for (int extra = random.nextInt(4) - 1; extra > 0; extra--) {
			members.add(quoted(text(random, "seq"), random, plain) + colon + extraValue(random, plain));
		}
		if (random.nextInt(3) > 0) {
			Collections.shuffle(members, random);
		}
		StringBuilder json = new StringBuilder(space(random)).append('{').append(space(random));
		String comma = separator(random, ',');
		json.append(String.join(comma, members)).append(space(random)).append('}').append(space(random));
		return new Envelope(json.toString(), plain[0]);
	}

	private static String type(Random random) {
		StringBuilder type = new StringBuilder(SEGMENTS[random.nextInt(SEGMENTS.length)]);
		for (int segments = random.nextInt(3); segments > 0; segments--) {
			type.append('.').append(text(random, SEGMENTS[random.nextInt(SEGMENTS.length)]));
		}
		return type.toString();
	}

	/** Mostly the given text, sometimes one with characters that need escaping or are not ASCII. */
	private static String text(Random random, String usual) {
		return (random.nextInt(10) == 0) ? usual + ODD_TEXTS[random.nextInt(ODD_TEXTS.length)] : usual;
	}

	private static String data(Random random) {
		int kind = random.nextInt(10);
		if (kind == 0) {
			return "null";
		}
		int length = (kind == 1) ? 0 : random.nextInt(300);
		StringBuilder data = new StringBuilder("[").append(space(random));
		String comma = separator(random, ',');
		for (int i = 0; i < length; i++) {
			data.append((i > 0) ? comma : "").append(random.nextInt(256));
		}
		return data.append(space(random)).append(']').toString();
	}

	private static String extraValue(Random random, boolean[] plain) {
		return switch (random.nextInt(8)) {
			case 0 -> quoted(text(random, "value"), random, plain);
			case 1 -> Integer.toString(random.nextInt(100000));
			case 2 -> "true";
			case 3 -> "false";
			case 4 -> "null";
			case 5 -> {
				plain[0] = false;
				yield "-" + random.nextInt(100);
			}
			case 6 -> {
				plain[0] = false;
				yield random.nextInt(100) + ".5e" + random.nextInt(3);
			}
			default -> {
				plain[0] = false;
				yield "{\"n\": [1, {\"m\": null}, \"x\"], \"o\": {}}";
			}
		};
	}

	/**
	 * Quotes text as JSON, escaping what must be escaped and, at random, other characters too;
	 * clears {@code plain} if the result has escapes or non-ASCII characters.
	 */
	private static String quoted(String text, Random random, boolean[] plain) {
		StringBuilder quoted = new StringBuilder("\"");
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			int before = quoted.length();
			if (c == '"' || c == '\\') {
				quoted.append('\\').append(c);
			}
			else if (c == '\n') {
				quoted.append("\\n");
			}
			else if (Character.isHighSurrogate(c) && random.nextBoolean()) {
				// a pair is escaped whole, since one escaped half would leave the other unpaired
				quoted.append(String.format("\\u%04x\\u%04x", (int) c, (int) text.charAt(++i)));
			}
			else if (Character.isHighSurrogate(c)) {
				quoted.append(c).append(text.charAt(++i));
			}
			else if (c < 0x20 || (c >= 0x80 && random.nextBoolean()) || random.nextInt(200) == 0) {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else if (c == '/' && random.nextBoolean()) {
				quoted.append("\\/");
			}
			else {
				quoted.append(c);
			}
			if (quoted.length() - before > 1 || c >= 0x80) {
				plain[0] = false;
			}
		}
		return quoted.append('"').toString();
	}

	/** A separator in one of the layouts: compact, Python's, or arbitrary JSON whitespace. */
	private static String separator(Random random, char separator) {
		return switch (random.nextInt(3)) {
			case 0 -> String.valueOf(separator);
			case 1 -> separator + " ";
			default -> space(random) + separator + space(random);
		};
	}

	private static String space(Random random) {
		StringBuilder space = new StringBuilder();
		for (int n = (random.nextInt(4) == 0) ? random.nextInt(3) : 0; n > 0; n--) {
			space.append(WHITESPACE.charAt(random.nextInt(WHITESPACE.length())));
		}
		return space.toString();
	}

	private static byte[] mutate(byte[] json, Random random) {
		int at = random.nextInt(json.length);
		byte[] mutant;
		switch (random.nextInt(5)) {
			case 0 -> mutant = Arrays.copyOf(json, at);
			case 1 -> {
				mutant = json.clone();
				mutant[at] = (byte) random.nextInt(256);
			}
			case 2 -> {
				mutant = json.clone();
				mutant[at] = INTERESTING[random.nextInt(INTERESTING.length)];
			}
			case 3 -> {
				mutant = new byte[json.length - 1];
				System.arraycopy(json, 0, mutant, 0, at);
				System.arraycopy(json, at + 1, mutant, at, json.length - at - 1);
			}
			default -> {
				mutant = new byte[json.length + 1];
				System.arraycopy(json, 0, mutant, 0, at);
				mutant[at] = INTERESTING[random.nextInt(INTERESTING.length)];
				System.arraycopy(json, at, mutant, at + 1, json.length - at);
			}
		}
		return mutant;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}
}
