package io.aiodistbus.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the event JSON as Python and {@link EventJson#write} lay it out, straight from the bytes,
 * about three times faster than Jackson: the {@code data} array of decimal numbers dominates every
 * frame, and the broker and each client read every frame.
 * <p>
 * It accepts only a strict subset of what Jackson accepts, and for that subset yields what Jackson
 * yields: one object with the five keys once each (any order, any JSON whitespace), unknown keys
 * whose value is a string, {@code true}, {@code false}, {@code null} or a non-negative integer,
 * strings of ASCII characters from space up without escapes, and {@code data} as {@code null} or an array of
 * integers 0..255 without leading zeros. For anything else, valid or not, it returns {@code null}
 * and {@link EventJson} lets Jackson read the frame, so results and errors are Jackson's by
 * construction.
 */
final class FastEventJsonReader {

	/**
	 * Longer strings go to Jackson: far below its {@code StreamReadConstraints} on names and
	 * strings, so that no string accepted here is one that Jackson rejects, and far above any type,
	 * dtype, id or timestamp.
	 */
	private static final int MAX_STRING_LENGTH = 4096;

	/** Longer integers in unknown keys go to Jackson, far below its limit on number length. */
	private static final int MAX_SKIPPED_DIGITS = 18;

	private static final byte[] TRUE = { 't', 'r', 'u', 'e' };

	private static final byte[] FALSE = { 'f', 'a', 'l', 's', 'e' };

	private static final byte[] NULL = { 'n', 'u', 'l', 'l' };

	private final byte[] json;

	private int pos;

	/** Where the contents of the string {@link #string()} last scanned start. */
	private int stringStart;

	/** Where they end, at the closing quote. */
	private int stringEnd;

	private FastEventJsonReader(byte[] json) {
		this.json = json;
	}

	/**
	 * Reads an event JSON frame if it is laid out as expected.
	 * @param json the frame
	 * @return the event, or {@code null} if Jackson has to read the frame
	 */
	static WireEvent read(byte[] json) {
		return new FastEventJsonReader(json).event();
	}

	private WireEvent event() {
		if (skipWhitespace() != '{') {
			return null;
		}
		this.pos++;
		String type = null;
		String dtype = null;
		String id = null;
		String timestamp = null;
		byte[] data = null;
		String source = null;
		long sequence = 0;
		boolean dataSeen = false;
		boolean dtypeSeen = false;
		int next = skipWhitespace();
		while (next == '"') {
			if (!string() || skipWhitespace() != ':') {
				return null;
			}
			this.pos++;
			int keyStart = this.stringStart;
			int keyLength = this.stringEnd - keyStart;
			int value = skipWhitespace();
			if (isKey(keyStart, keyLength, "type")) {
				if (type != null || (type = stringValue(value)) == null) {
					return null;
				}
			}
			else if (isKey(keyStart, keyLength, "data")) {
				if (dataSeen) {
					return null;
				}
				dataSeen = true;
				if (value == '[') {
					if ((data = data()) == null) {
						return null;
					}
				}
				else if (!literal(NULL)) {
					return null;
				}
			}
			else if (isKey(keyStart, keyLength, "dtype")) {
				if (dtypeSeen) {
					return null;
				}
				dtypeSeen = true;
				if (value == '"') {
					if ((dtype = stringValue(value)) == null) {
						return null;
					}
				}
				else if (!literal(NULL)) {
					return null;
				}
			}
			else if (isKey(keyStart, keyLength, "id")) {
				if (id != null || (id = stringValue(value)) == null) {
					return null;
				}
			}
			else if (isKey(keyStart, keyLength, "timestamp")) {
				if (timestamp != null || (timestamp = stringValue(value)) == null) {
					return null;
				}
			}
			else if (isKey(keyStart, keyLength, "src")) {
				// As with Jackson, a repeated stamp key counts with its last value.
				source = null;
				if (value == '"') {
					if ((source = stringValue(value)) == null) {
						return null;
					}
				}
				else if (!skipValue(value)) {
					return null;
				}
			}
			else if (isKey(keyStart, keyLength, "seq")) {
				int start = this.pos;
				if (!skipValue(value)) {
					return null;
				}
				sequence = (digit(start) >= 0) ? Long.parseLong(new String(this.json, start, this.pos - start,
						java.nio.charset.StandardCharsets.US_ASCII)) : 0;
			}
			else if (!skipValue(value)) {
				return null;
			}
			next = skipWhitespace();
			if (next == ',') {
				this.pos++;
				next = skipWhitespace();
				if (next != '"') {
					// a trailing comma, which Jackson rejects
					return null;
				}
			}
			else if (next != '}') {
				return null;
			}
		}
		if (next != '}') {
			return null;
		}
		this.pos++;
		if (skipWhitespace() != -1 || type == null || !dataSeen || !dtypeSeen || id == null || timestamp == null) {
			return null;
		}
		return new WireEvent(type, data, dtype, id, timestamp, source, sequence);
	}

	/** @return the byte at the position after JSON whitespace, or -1 at the end */
	private int skipWhitespace() {
		byte[] bytes = this.json;
		int p = this.pos;
		while (p < bytes.length) {
			byte b = bytes[p];
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				this.pos = p;
				return b & 0xff;
			}
			p++;
		}
		this.pos = p;
		return -1;
	}

	/**
	 * Scans the string at the position, which holds its opening quote, and records its bounds.
	 * @return whether it is ASCII from space up without escapes, closed and not too long
	 */
	private boolean string() {
		byte[] bytes = this.json;
		int start = this.pos + 1;
		int limit = Math.min(bytes.length, start + MAX_STRING_LENGTH);
		for (int p = start; p < limit; p++) {
			byte b = bytes[p];
			if (b == '"') {
				this.stringStart = start;
				this.stringEnd = p;
				this.pos = p + 1;
				return true;
			}
			// control characters are errors for Jackson, non-ASCII it validates as UTF-8 its own way
			if (b < 0x20 || b == '\\') {
				return false;
			}
		}
		return false;
	}

	/** @return the string value at the position (whose first byte is {@code first}), or {@code null} */
	private String stringValue(int first) {
		if (first != '"' || !string()) {
			return null;
		}
		// checked to be ASCII, which Latin-1 decodes by copying
		return new String(this.json, this.stringStart, this.stringEnd - this.stringStart,
				StandardCharsets.ISO_8859_1);
	}

	private boolean isKey(int start, int length, String key) {
		if (length != key.length()) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (this.json[start + i] != key.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads the array at the position, which holds its {@code [}.
	 * @return the bytes, or {@code null} if the array is not one of plain integers 0..255
	 */
	private byte[] data() {
		byte[] bytes = this.json;
		int p = whitespaceEnd(this.pos + 1);
		if (p < bytes.length && bytes[p] == ']') {
			this.pos = p + 1;
			return new byte[0];
		}
		// an element takes at least two bytes, its digit and the ',' or ']' after it, so this bounds
		// the count of elements that are stored, each only once the byte after it is seen
		byte[] data = new byte[(bytes.length - p) / 2];
		int count = 0;
		while (true) {
			int value = digit(p);
			if (value < 0) {
				return null;
			}
			int d = digit(++p);
			if (d >= 0) {
				if (value == 0) {
					// a leading zero, which Jackson rejects
					return null;
				}
				value = value * 10 + d;
				d = digit(++p);
				if (d >= 0) {
					value = value * 10 + d;
					if (value > 255 || digit(++p) >= 0) {
						return null;
					}
				}
			}
			p = whitespaceEnd(p);
			if (p >= bytes.length) {
				return null;
			}
			byte separator = bytes[p];
			if (separator == ']') {
				data[count++] = (byte) value;
				this.pos = p + 1;
				return (count == data.length) ? data : Arrays.copyOf(data, count);
			}
			if (separator != ',') {
				return null;
			}
			data[count++] = (byte) value;
			p = whitespaceEnd(p + 1);
		}
	}

	/** @return the value of the decimal digit at {@code p}, or -1 if there is none */
	private int digit(int p) {
		if (p >= this.json.length) {
			return -1;
		}
		int d = this.json[p] - '0';
		return (d >= 0 && d <= 9) ? d : -1;
	}

	/** @return the first position from {@code p} on that is not JSON whitespace */
	private int whitespaceEnd(int p) {
		byte[] bytes = this.json;
		while (p < bytes.length) {
			byte b = bytes[p];
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return p;
			}
			p++;
		}
		return p;
	}

	/**
	 * Skips the value of an unknown key.
	 * @param first the value's first byte
	 * @return whether it was a kind of value this reader skips
	 */
	private boolean skipValue(int first) {
		return switch (first) {
			case '"' -> string();
			case 't' -> literal(TRUE);
			case 'f' -> literal(FALSE);
			case 'n' -> literal(NULL);
			default -> skipInteger();
		};
	}

	private boolean skipInteger() {
		int p = this.pos;
		int start = p;
		while (digit(p) >= 0) {
			p++;
		}
		int length = p - start;
		if (length == 0 || length > MAX_SKIPPED_DIGITS || (length > 1 && this.json[start] == '0')) {
			return false;
		}
		this.pos = p;
		return endsValue(p);
	}

	/**
	 * Matches a literal at the position. Jackson reads {@code nullx} as the token {@code nullx},
	 * so the literal must be followed by what may follow a member value.
	 */
	private boolean literal(byte[] literal) {
		int p = this.pos;
		if (p + literal.length > this.json.length) {
			return false;
		}
		for (int i = 0; i < literal.length; i++) {
			if (this.json[p + i] != literal[i]) {
				return false;
			}
		}
		this.pos = p + literal.length;
		return endsValue(this.pos);
	}

	/** @return whether the byte at {@code p} may follow a member value: whitespace, {@code ,} or {@code }} */
	private boolean endsValue(int p) {
		if (p >= this.json.length) {
			return false;
		}
		byte b = this.json[p];
		return b == ',' || b == '}' || b == ' ' || b == '\n' || b == '\r' || b == '\t';
	}
}
