package io.aiodistbus.codec;

/**
 * Writes strings as JSON text the way Python's {@code json.dumps} does by default
 * ({@code ensure_ascii=True}): pure ASCII, with every character outside {@code ' '..'~'} escaped,
 * <code>&#92;uXXXX</code> in lowercase hex, and characters beyond the BMP as two escaped surrogates.
 * <p>
 * A {@code builtins.str} payload is these exact bytes, and Jackson's {@code ESCAPE_NON_ASCII}
 * differs from them (it leaves DEL unescaped), so the bytes are written here. Writing straight into
 * a byte array also spares the envelope writer an intermediate {@code String} per field.
 */
public final class JsonStrings {

	private static final byte[] HEX = { '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e',
			'f' };

	/** For each ASCII character: 0 when written as is, else the letter after the backslash. */
	private static final byte[] ESCAPES = new byte[128];

	static {
		for (int c = 0; c < 0x20; c++) {
			ESCAPES[c] = 'u';
		}
		ESCAPES[0x7f] = 'u';
		ESCAPES['"'] = '"';
		ESCAPES['\\'] = '\\';
		ESCAPES['\b'] = 'b';
		ESCAPES['\f'] = 'f';
		ESCAPES['\n'] = 'n';
		ESCAPES['\r'] = 'r';
		ESCAPES['\t'] = 't';
	}

	private JsonStrings() {
	}

	/**
	 * Returns the length of the quoted JSON text of a string, so that callers can size a buffer exactly.
	 * @param text the string
	 * @return the number of bytes {@link #writeQuoted} writes
	 */
	public static int quotedLength(String text) {
		int length = text.length() + 2;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				length += 5;
			}
			else if (ESCAPES[c] != 0) {
				length += (ESCAPES[c] == 'u') ? 5 : 1;
			}
		}
		return length;
	}

	/**
	 * Writes the quoted JSON text of a string.
	 * @param text the string
	 * @param target the buffer, with at least {@link #quotedLength} bytes free from {@code offset}
	 * @param offset where to start writing
	 * @return the offset after the closing quote
	 */
	public static int writeQuoted(String text, byte[] target, int offset) {
		int pos = offset;
		target[pos++] = '"';
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			byte escape = (c < 0x80) ? ESCAPES[c] : (byte) 'u';
			if (escape == 0) {
				target[pos++] = (byte) c;
			}
			else if (escape == 'u') {
				target[pos++] = '\\';
				target[pos++] = 'u';
				target[pos++] = HEX[c >>> 12];
				target[pos++] = HEX[(c >>> 8) & 0xf];
				target[pos++] = HEX[(c >>> 4) & 0xf];
				target[pos++] = HEX[c & 0xf];
			}
			else {
				target[pos++] = '\\';
				target[pos++] = escape;
			}
		}
		target[pos++] = '"';
		return pos;
	}

	/**
	 * Returns the quoted JSON text of a string.
	 * @param text the string
	 * @return the ASCII bytes, quotes included
	 */
	public static byte[] quoted(String text) {
		byte[] result = new byte[quotedLength(text)];
		writeQuoted(text, result, 0);
		return result;
	}
}
