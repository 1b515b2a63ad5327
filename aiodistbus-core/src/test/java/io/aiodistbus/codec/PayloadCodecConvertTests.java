package io.aiodistbus.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiodistbus.event.Event;
import io.aiodistbus.internal.wire.WireEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receive path decodes a payload once per class a handler asks for, straight from the bytes.
 */
class PayloadCodecConvertTests {

	private static final String ID = "6f1c2c1e-7e5a-4f39-9d3c-0c1f1d6b2a11";

	private static final String TIMESTAMP = "2026-11-28T12:00:00.123456";

	private final AtomicInteger parses = new AtomicInteger();

	private final PayloadCodec codec = new PayloadCodec(new DtypeRegistry(), new ObjectMapper(new CountingFactory()));

	record Person(String name, int age) {
	}

	private Event received(String json, String dtype) {
		return new WireEvent("people.seen", json.getBytes(StandardCharsets.UTF_8), dtype, ID, TIMESTAMP)
			.toEvent(this.codec);
	}

	@Test
	void aRecordFromAPythonDictIsDecodedOnceForAllItsHandlers() {
		Event event = received("{\"name\": \"Ada\", \"age\": 36, \"city\": \"London\"}", Dtypes.DICT);

		Person first = this.codec.convert(event, Person.class);
		Person second = this.codec.convert(event, Person.class);

		assertThat(first).isEqualTo(new Person("Ada", 36)).isSameAs(second);
		assertThat(this.parses).hasValue(1);
		assertThat(event.data()).isEqualTo(Map.of("name", "Ada", "age", 36, "city", "London"));
		assertThat(this.parses).hasValue(2);
	}

	@Test
	void anIntegerFromAPythonIntIsDecodedOnce() {
		Event event = received("42", Dtypes.INT);

		assertThat(this.codec.convert(event, Integer.class)).isEqualTo(42);
		assertThat(this.codec.convert(event, int.class)).isEqualTo(42);

		assertThat(this.parses).hasValue(1);
	}

	@Test
	void theNaturalTypeIsSharedByTheTargetsItFits() {
		Event event = received("{\"a\": [1, 2]}", Dtypes.DICT);

		Object data = event.data();

		assertThat(this.codec.convert(event, Map.class)).isSameAs(data);
		assertThat(this.codec.convert(event, Object.class)).isSameAs(data);
		assertThat(this.parses).hasValue(1);
	}

	/** Counts the JSON documents parsed: each decode of a payload parses it once. */
	private final class CountingFactory extends JsonFactory {

		@Override
		public JsonParser createParser(byte[] data) throws IOException {
			PayloadCodecConvertTests.this.parses.incrementAndGet();
			return super.createParser(data);
		}

		@Override
		public JsonParser createParser(byte[] data, int offset, int length) throws IOException {
			PayloadCodecConvertTests.this.parses.incrementAndGet();
			return super.createParser(data, offset, length);
		}
	}
}
