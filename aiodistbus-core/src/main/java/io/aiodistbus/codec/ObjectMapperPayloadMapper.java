package io.aiodistbus.codec;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A {@link PayloadMapper} over a Jackson 2 {@link ObjectMapper}, with the wire's JSON features: non-ASCII
 * escaped and {@code NaN}/{@code Infinity} as bare words (as Python writes them), trailing tokens
 * rejected, unknown properties ignored. Readers for each class are built once and reused.
 */
final class ObjectMapperPayloadMapper implements PayloadMapper {

	private final ObjectWriter writer;

	private final ObjectReader reader;

	private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

	ObjectMapperPayloadMapper(ObjectMapper mapper) {
		// the same wire rules as autoconfigure's JsonMapperPayloadMapper, for Jackson 3
		this.writer = mapper.writer()
			.without(SerializationFeature.INDENT_OUTPUT)
			.with(JsonWriteFeature.ESCAPE_NON_ASCII)
			.without(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
			.without(JsonWriteFeature.WRITE_NAN_AS_STRINGS);
		this.reader = mapper.reader()
			.with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	@Override
	public byte[] write(Object payload) throws IOException {
		return this.writer.writeValueAsBytes(payload);
	}

	@Override
	public Object read(byte[] json, Class<?> type) throws IOException {
		ObjectReader result = this.readers.get(type);
		if (result == null) {
			result = this.readers.computeIfAbsent(type, this.reader::forType);
		}
		return result.readValue(json);
	}

	JsonNode readTree(byte[] json) throws IOException {
		return this.reader.readTree(json);
	}

	JsonParser createParser(byte[] json) throws IOException {
		return this.reader.createParser(json);
	}
}
