package io.aiodistbus.autoconfigure.jackson;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.aiodistbus.codec.PayloadMapper;

/**
 * A {@link PayloadMapper} over a Jackson 3 {@link JsonMapper}: the application's modules, naming
 * strategy and date settings apply, with the wire's own features on top (compact, non-ASCII escaped,
 * {@code NaN} as a bare word, unknown properties ignored, as the core's default mapper does).
 */
final class JsonMapperPayloadMapper implements PayloadMapper {

	private final ObjectWriter writer;

	private final ObjectReader reader;

	private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

	JsonMapperPayloadMapper(JsonMapper mapper) {
		// the same wire rules as core's ObjectMapperPayloadMapper, for Jackson 2
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
		try {
			return this.writer.writeValueAsBytes(payload);
		}
		catch (JacksonException ex) {
			throw new IOException(ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public Object read(byte[] json, Class<?> type) throws IOException {
		ObjectReader result = this.readers.get(type);
		if (result == null) {
			result = this.readers.computeIfAbsent(type, this.reader::forType);
		}
		try {
			return result.readValue(json);
		}
		catch (JacksonException ex) {
			throw new IOException(ex.getOriginalMessage(), ex);
		}
	}
}
