package io.aiodistbus.internal.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.aiodistbus.DropReason;
import io.aiodistbus.codec.JsonStrings;

/**
 * The second frame of an event: the JSON object {@code {"type", "data", "dtype", "id", "timestamp"}}
 * that Python's dataclasses_json writes, {@code data} being the payload bytes as an array of
 * integers.
 * <p>
 * Writing is done by hand into one exactly sized array: the byte array, spelled out as decimal
 * numbers, dominates the frame, and going through a generator costs several times more. The output
 * is compact and pure ASCII (strings escaped as Python escapes them). Reading accepts any valid
 * JSON: either separator style, any key order, and unknown keys, which are skipped so that later
 * protocol additions do not break older readers. Jackson's streaming parser is the authority on it;
 * frames laid out as Python and this class write them are first tried by a reader that scans the
 * bytes directly, since the broker and every client read every frame, and that hands anything
 * unusual to Jackson.
 */
public final class EventJson {

	private static final JsonFactory FACTORY = new JsonFactory();

	private static final byte[] TYPE = ascii("{\"type\":");

	private static final byte[] DATA = ascii(",\"data\":");

	private static final byte[] DTYPE = ascii(",\"dtype\":");

	private static final byte[] ID = ascii(",\"id\":");

	private static final byte[] TIMESTAMP = ascii(",\"timestamp\":");

	private static final byte[] NULL = ascii("null");

	private static final byte[] SOURCE = ascii(",\"src\":");

	private static final byte[] SEQUENCE = ascii(",\"seq\":");

	private static final byte[] HEADERS = ascii(",\"headers\":");

	private static final int FIXED_LENGTH = TYPE.length + DATA.length + DTYPE.length + ID.length + TIMESTAMP.length
			+ 1;

	private static final int TYPE_SEEN = 1;

	private static final int DATA_SEEN = 2;

	private static final int DTYPE_SEEN = 4;

	private static final int ID_SEEN = 8;

	private static final int TIMESTAMP_SEEN = 16;

	private static final int ALL_SEEN = 31;

	private static final String[] KEYS = { "type", "data", "dtype", "id", "timestamp" };

	private EventJson() {
	}

	/**
	 * Writes an event JSON frame.
	 * @param type the event type
	 * @param data the encoded payload, or {@code null} (written as {@code null})
	 * @param dtype the payload's dtype, or {@code null}
	 * @param id the event id
	 * @param timestamp the wire timestamp text
	 * @return the compact JSON, ASCII only
	 */
	public static byte[] write(String type, byte[] data, String dtype, String id, String timestamp) {
		return write(type, data, dtype, id, timestamp, null, 0);
	}

	/**
	 * Writes an event JSON frame stamped with its publisher and sequence number, as two keys after
	 * the five of the wire format ({@code "src"} and {@code "seq"}), which Python peers ignore.
	 * @param type the event type
	 * @param data the encoded payload, or {@code null} (written as {@code null})
	 * @param dtype the payload's dtype, or {@code null}
	 * @param id the event id
	 * @param timestamp the wire timestamp text
	 * @param source the publisher's id, or {@code null} to write no stamp
	 * @param sequence the publisher's sequence number for this type, positive
	 * @return the compact JSON, ASCII only
	 */
	public static byte[] write(String type, byte[] data, String dtype, String id, String timestamp, String source,
			long sequence) {
		return write(type, data, dtype, id, timestamp, source, sequence, Map.of());
	}

	/**
	 * Writes an event JSON frame stamped with its publisher, sequence number and headers: the headers
	 * go in one more key, {@code "headers"}, an object of strings, written only when there are any.
	 * Python peers ignore it as they ignore {@code "src"} and {@code "seq"}.
	 * @param type the event type
	 * @param data the encoded payload, or {@code null}
	 * @param dtype the payload's dtype, or {@code null}
	 * @param id the event id
	 * @param timestamp the wire timestamp text
	 * @param source the publisher's id, or {@code null} to write no stamp
	 * @param sequence the publisher's sequence number for this type, positive
	 * @param headers the headers, empty for none
	 * @return the compact JSON, ASCII only
	 */
	public static byte[] write(String type, byte[] data, String dtype, String id, String timestamp, String source,
			long sequence, Map<String, String> headers) {
		String sequenceText = (source != null) ? Long.toString(sequence) : null;
		int length = FIXED_LENGTH + JsonStrings.quotedLength(type) + dataLength(data)
				+ ((dtype != null) ? JsonStrings.quotedLength(dtype) : NULL.length) + JsonStrings.quotedLength(id)
				+ JsonStrings.quotedLength(timestamp) + ((source != null)
						? SOURCE.length + JsonStrings.quotedLength(source) + SEQUENCE.length + sequenceText.length() : 0)
				+ headersLength(headers);
		byte[] json = new byte[length];
		int pos = put(TYPE, json, 0);
		pos = JsonStrings.writeQuoted(type, json, pos);
		pos = put(DATA, json, pos);
		pos = (data != null) ? writeData(data, json, pos) : put(NULL, json, pos);
		pos = put(DTYPE, json, pos);
		pos = (dtype != null) ? JsonStrings.writeQuoted(dtype, json, pos) : put(NULL, json, pos);
		pos = put(ID, json, pos);
		pos = JsonStrings.writeQuoted(id, json, pos);
		pos = put(TIMESTAMP, json, pos);
		pos = JsonStrings.writeQuoted(timestamp, json, pos);
		if (source != null) {
			pos = put(SOURCE, json, pos);
			pos = JsonStrings.writeQuoted(source, json, pos);
			pos = put(SEQUENCE, json, pos);
			for (int i = 0; i < sequenceText.length(); i++) {
				json[pos++] = (byte) sequenceText.charAt(i);
			}
		}
		if (!headers.isEmpty()) {
			pos = writeHeaders(headers, json, pos);
		}
		json[pos] = '}';
		return json;
	}

	/**
	 * Reads an event JSON frame. All five keys must be present ({@code data} and {@code dtype} may
	 * be {@code null}); other keys are ignored.
	 * @param json the frame, UTF-8
	 * @return the event, payload still encoded
	 * @throws WireFormatException ({@link DropReason#JSON}) if the frame is not such an object
	 */
	public static WireEvent read(byte[] json) {
		WireEvent event = FastEventJsonReader.read(json);
		return (event != null) ? event : readWithJackson(json);
	}

	/**
	 * Reads an event JSON frame with Jackson, the reference for what {@link #read} returns and
	 * throws.
	 * @param json the frame, UTF-8
	 * @return the event, payload still encoded
	 * @throws WireFormatException ({@link DropReason#JSON}) if the frame is not such an object
	 */
	static WireEvent readWithJackson(byte[] json) {
		String type = null;
		byte[] data = null;
		String dtype = null;
		String id = null;
		String timestamp = null;
		String source = null;
		long sequence = 0;
		Map<String, String> headers = Map.of();
		int seen = 0;
		try (JsonParser parser = FACTORY.createParser(json)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw invalid("not a JSON object", null, null);
			}
			String key;
			while ((key = parser.nextFieldName()) != null) {
				JsonToken value = parser.nextToken();
				switch (key) {
					case "type" -> {
						type = string(parser, value, key, type);
						seen |= TYPE_SEEN;
					}
					case "data" -> {
						data = data(parser, value, json.length, type);
						seen |= DATA_SEEN;
					}
					case "dtype" -> {
						dtype = (value != JsonToken.VALUE_NULL) ? string(parser, value, key, type) : null;
						seen |= DTYPE_SEEN;
					}
					case "id" -> {
						id = string(parser, value, key, type);
						seen |= ID_SEEN;
					}
					case "timestamp" -> {
						timestamp = string(parser, value, key, type);
						seen |= TIMESTAMP_SEEN;
					}
					case "src" -> {
						source = (value == JsonToken.VALUE_STRING) ? parser.getText() : null;
						parser.skipChildren();
					}
					case "seq" -> {
						sequence = (value == JsonToken.VALUE_NUMBER_INT
								&& parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER)
										? Math.max(0, parser.getLongValue()) : 0;
						parser.skipChildren();
					}
					case "headers" -> headers = headers(parser, value, type);
					default -> parser.skipChildren();
				}
			}
			if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
				throw invalid("content after the event object", null, type);
			}
		}
		catch (JsonProcessingException ex) {
			throw invalid(ex.getOriginalMessage(), ex, type);
		}
		catch (IOException ex) {
			throw invalid(ex.getMessage(), ex, type);
		}
		if (seen != ALL_SEEN) {
			throw invalid("missing key(s) " + missing(seen), null, type);
		}
		return new WireEvent(type, data, dtype, id, timestamp, source, sequence, headers);
	}

	/** Reads the headers object; a value that is no string makes the event malformed. */
	private static Map<String, String> headers(JsonParser parser, JsonToken value, String type) throws IOException {
		if (value == JsonToken.VALUE_NULL) {
			return Map.of();
		}
		if (value != JsonToken.START_OBJECT) {
			throw invalid("'headers' must be an object of strings, not " + value, null, type);
		}
		Map<String, String> headers = new LinkedHashMap<>();
		String name;
		while ((name = parser.nextFieldName()) != null) {
			if (parser.nextToken() != JsonToken.VALUE_STRING) {
				throw invalid("header '" + name + "' must be a string", null, type);
			}
			headers.put(name, parser.getText());
		}
		return Collections.unmodifiableMap(headers);
	}

	private static int headersLength(Map<String, String> headers) {
		if (headers.isEmpty()) {
			return 0;
		}
		// ,"headers":{ ... } with a colon per entry and commas between them
		int length = HEADERS.length + 1 + 2 * headers.size() - 1 + 1;
		for (Map.Entry<String, String> header : headers.entrySet()) {
			length += JsonStrings.quotedLength(header.getKey()) + JsonStrings.quotedLength(header.getValue());
		}
		return length;
	}

	private static int writeHeaders(Map<String, String> headers, byte[] json, int offset) {
		int pos = put(HEADERS, json, offset);
		json[pos++] = '{';
		boolean first = true;
		for (Map.Entry<String, String> header : headers.entrySet()) {
			if (!first) {
				json[pos++] = ',';
			}
			first = false;
			pos = JsonStrings.writeQuoted(header.getKey(), json, pos);
			json[pos++] = ':';
			pos = JsonStrings.writeQuoted(header.getValue(), json, pos);
		}
		json[pos++] = '}';
		return pos;
	}

	private static String string(JsonParser parser, JsonToken value, String key, String type) throws IOException {
		if (value != JsonToken.VALUE_STRING) {
			throw invalid("'" + key + "' must be a string, not " + value, null, type);
		}
		return parser.getText();
	}

	private static byte[] data(JsonParser parser, JsonToken value, int jsonLength, String type) throws IOException {
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		if (value != JsonToken.START_ARRAY) {
			throw invalid("'data' must be an array of bytes or null, not " + value, null, type);
		}
		// every element takes at least two characters ("0,"), which bounds the count
		byte[] bytes = new byte[jsonLength / 2];
		int count = 0;
		JsonToken element;
		while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
			int number = (element == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT)
					? parser.getIntValue() : -1;
			if (number < 0 || number > 255) {
				throw invalid("'data' element " + parser.getText() + " at index " + count
						+ " is not an integer 0..255", null, type);
			}
			bytes[count++] = (byte) number;
		}
		return Arrays.copyOf(bytes, count);
	}

	private static String missing(int seen) {
		StringBuilder result = new StringBuilder();
		for (int i = 0; i < KEYS.length; i++) {
			if ((seen & (1 << i)) == 0) {
				result.append((result.length() > 0) ? ", " : "").append(KEYS[i]);
			}
		}
		return result.toString();
	}

	private static WireFormatException invalid(String message, Throwable cause, String type) {
		return new WireFormatException(DropReason.JSON, message, type, cause);
	}

	private static int dataLength(byte[] data) {
		if (data == null) {
			return NULL.length;
		}
		int length = 2 + Math.max(0, data.length - 1);
		for (byte b : data) {
			int value = b & 0xff;
			length += (value < 10) ? 1 : (value < 100) ? 2 : 3;
		}
		return length;
	}

	private static int writeData(byte[] data, byte[] json, int offset) {
		int pos = offset;
		json[pos++] = '[';
		for (int i = 0; i < data.length; i++) {
			if (i > 0) {
				json[pos++] = ',';
			}
			int value = data[i] & 0xff;
			if (value >= 100) {
				json[pos++] = (byte) ('0' + value / 100);
				json[pos++] = (byte) ('0' + value / 10 % 10);
			}
			else if (value >= 10) {
				json[pos++] = (byte) ('0' + value / 10);
			}
			json[pos++] = (byte) ('0' + value % 10);
		}
		json[pos++] = ']';
		return pos;
	}

	private static int put(byte[] constant, byte[] json, int offset) {
		System.arraycopy(constant, 0, json, offset, constant.length);
		return offset + constant.length;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}
}
