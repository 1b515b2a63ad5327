package io.aiodistbus.broker;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.codec.RawPayload;
import io.aiodistbus.event.Event;

/**
 * An event as one line of JSON, for people and {@code jq}: {@code {"type":..., "id":...,
 * "timestamp":..., "dtype":..., "headers":{...}, "data":...}}, the payload as the JSON it is (bytes as
 * base64 text). What {@code sub} prints and the live page shows.
 */
final class EventJson {

	private static final ObjectMapper mapper = PayloadCodec.defaultObjectMapper();

	private EventJson() {
	}

	static String toJson(Event event) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("type", event.type());
		json.put("id", event.id());
		json.put("timestamp", event.timestampText());
		json.put("dtype", event.dtype());
		if (!event.headers().isEmpty()) {
			json.put("headers", event.headers());
		}
		json.put("data", data(event));
		try {
			return mapper.writeValueAsString(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot write event " + event.id() + " as JSON", ex);
		}
	}

	private static Object data(Event event) {
		Object data;
		try {
			data = event.data();
		}
		catch (RuntimeException ex) {
			return "(payload not decodable: " + ex.getMessage() + ")";
		}
		if (data instanceof RawPayload raw) {
			JsonNode tree = raw.json();
			return (tree != null) ? tree : Base64.getEncoder().encodeToString(raw.bytes());
		}
		if (data instanceof byte[] bytes) {
			return Base64.getEncoder().encodeToString(bytes);
		}
		return mapper.valueToTree(data);
	}

	/**
	 * @param text JSON text
	 * @return it as Java's JSON types ({@code Map}, {@code List}, {@code String}, numbers,
	 * {@code Boolean}, {@code null}), which the codec writes as Python does
	 * @throws IllegalArgumentException if it is not JSON
	 */
	static Object parse(String text) {
		try {
			return mapper.readValue(text, Object.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Not JSON: " + ex.getOriginalMessage());
		}
	}

}
