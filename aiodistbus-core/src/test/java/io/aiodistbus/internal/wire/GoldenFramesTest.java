package io.aiodistbus.internal.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.aiodistbus.codec.DtypeRegistry;
import io.aiodistbus.codec.Dtypes;
import io.aiodistbus.codec.Greeting;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.Event;
import io.aiodistbus.event.ReservedTopics;

import static org.assertj.core.api.Assertions.assertThat;

/** Frames captured from Python aiodistbus (a copy of spec/golden-frames.txt). */
class GoldenFramesTest {

	record Golden(byte[] topic, byte[] json, byte[] crc) {
	}

	private static final Map<String, Golden> FRAMES = new LinkedHashMap<>();

	private final PayloadCodec codec = new PayloadCodec(new DtypeRegistry());

	@BeforeAll
	static void load() throws IOException {
		try (InputStream in = GoldenFramesTest.class.getResourceAsStream("/golden-frames.txt");
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			List<String> lines = reader.lines().map(String::strip).toList();
			for (int i = 0; i < lines.size(); i++) {
				if (lines.get(i).startsWith("FRAMES ")) {
					String topic = lines.get(i + 1).replaceFirst("^topic: b'(.*)'$", "$1");
					String json = lines.get(i + 2).replaceFirst("^json : ", "");
					String crc = lines.get(i + 3).replaceFirst("^crc  : ([0-9a-f]{8}).*$", "$1");
					FRAMES.put(lines.get(i).substring(7), new Golden(topic.getBytes(StandardCharsets.UTF_8),
							json.getBytes(StandardCharsets.UTF_8), HexFormat.of().parseHex(crc)));
				}
			}
		}
		assertThat(FRAMES).hasSize(7);
	}

	private WireEvent decode(String name) {
		Golden golden = FRAMES.get(name);
		assertThat(Crc32s.checksum(golden.json())).isEqualTo(golden.crc());
		return EventFrames.decode(golden.topic(), golden.json(), golden.crc());
	}

	@Test
	void str() {
		WireEvent event = decode("demo.text");
		assertThat(event.dtype()).isEqualTo(Dtypes.STR);
		assertThat(event.data()).isEqualTo(this.codec.encode("h\u00e9llo"));
		assertThat(this.codec.decode(event.data(), event.dtype(), String.class)).isEqualTo("h\u00e9llo");
		assertThat(event.id()).isEqualTo("a4abdd4f-ca89-42a7-b773-90f6044bc676");
		assertThat(event.timestamp()).isEqualTo("2026-11-28T13:03:22.515057");
	}

	@Test
	void integer() {
		WireEvent event = decode("demo.int");
		assertThat(this.codec.decode(event.data(), event.dtype())).isEqualTo(42L);
		assertThat(this.codec.decode(event.data(), event.dtype(), Integer.class)).isEqualTo(42);
		assertThat(this.codec.encode(42)).isEqualTo(event.data());
	}

	@Test
	void none() {
		WireEvent event = decode("demo.none");
		assertThat(event.dtype()).isEqualTo(Dtypes.NONE);
		assertThat(event.toEvent(this.codec).data()).isNull();
		assertThat(this.codec.encode(null)).isEqualTo(event.data());
	}

	@Test
	void dataclass() {
		this.codec.registry().register(Greeting.class);
		WireEvent event = decode("demo.greeting");
		Event decoded = event.toEvent(this.codec);
		assertThat(decoded.data()).isEqualTo(new Greeting("py", 7));
		assertThat(decoded.dtype()).isEqualTo("__main__.Greeting");
		assertThat(decoded.id()).isEqualTo("cd3c1bfb-95ab-4e6f-a327-a4709e099fdb");
		assertThat(decoded.timestampText()).isEqualTo("2026-11-28T13:03:22.516404");
	}

	@Test
	void dict() {
		WireEvent event = decode("demo.dict");
		assertThat(this.codec.decode(event.data(), event.dtype())).isEqualTo(Map.of("a", List.of(1, 2)));
	}

	@Test
	void pulseAndClose() {
		for (String type : List.of(ReservedTopics.PULSE, ReservedTopics.CLOSE)) {
			WireEvent event = decode(type);
			assertThat(event.type()).isEqualTo(type);
			assertThat(event.data()).isNull();
			assertThat(event.dtype()).isNull();
			Event decoded = event.toEvent(this.codec);
			assertThat(decoded.data()).isNull();
			assertThat(decoded.dtype()).isNull();
		}
		assertThat(FRAMES.get(ReservedTopics.PULSE).crc()).isEqualTo(HexFormat.of().parseHex("b40b1335"));
	}

	@Test
	void reencodingGivesTheSameEventsInCompactForm() {
		this.codec.registry().register(Greeting.class);
		List<String> compact = new ArrayList<>();
		for (String name : FRAMES.keySet()) {
			Event event = decode(name).toEvent(this.codec);
			byte[][] frames = EventFrames.encode(event, this.codec);
			assertThat(frames[0]).isEqualTo(FRAMES.get(name).topic());
			assertThat(EventFrames.decode(frames[0], frames[1], frames[2]).toEvent(this.codec)).isEqualTo(event);
			compact.add(new String(frames[1], StandardCharsets.US_ASCII));
		}
		assertThat(compact.get(0)).isEqualTo("{\"type\":\"demo.text\",\"data\":[34,104,92,117,48,48,101,57,108,108,111,34],"
				+ "\"dtype\":\"builtins.str\",\"id\":\"a4abdd4f-ca89-42a7-b773-90f6044bc676\","
				+ "\"timestamp\":\"2026-11-28T13:03:22.515057\"}");
		assertThat(compact.get(5)).isEqualTo("{\"type\":\"aiodistbus.eventbus.pulse\",\"data\":null,\"dtype\":null,"
				+ "\"id\":\"e71725b9-bf72-4ce4-bbe3-2c05365cabff\",\"timestamp\":\"2026-11-28T13:03:39.450971\"}");
	}
}
