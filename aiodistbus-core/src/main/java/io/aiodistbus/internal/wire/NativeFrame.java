package io.aiodistbus.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

import io.aiodistbus.DropReason;
import io.aiodistbus.event.ReservedTopics;

/**
 * The native wire format, spoken between Java peers on our broker: an event as one ZeroMQ frame.
 * <pre>
 * topic      the event type, UTF-8, no NUL    (first, so SUB prefix filtering works on it)
 * 0x00 0xAD 0x01                              separator, magic, version
 * crc        4 bytes, big-endian: CRC-32 of the topic and of every byte after this field
 * flags      1 byte: 1 data, 2 dtype, 4 source and sequence, 8 headers
 * sequence   8 bytes                          (with source)
 * id         u16 length + UTF-8
 * timestamp  u16 length + UTF-8, as the JSON format writes it
 * source     u16 length + UTF-8               (with source)
 * dtype      u16 length + UTF-8               (with dtype)
 * headers    u16 count, then u16 length + UTF-8 key, u16 length + UTF-8 value (with headers)
 * data       the payload's own bytes, to the end of the frame (with data)
 * </pre>
 * Against Python's format (three frames, the payload as a JSON array of integers) it is one frame
 * instead of three, about half the bytes, and needs no JSON parse: the broker checks the envelope in
 * place ({@link #check}) and relays the frame untouched.
 */
public final class NativeFrame {

	/** The byte after the topic's NUL that marks a native frame. */
	static final byte MAGIC = (byte) 0xAD;

	/** The version this code writes and reads. */
	static final byte VERSION = 1;

	private static final int DATA = 1;

	private static final int DTYPE = 2;

	private static final int SOURCE = 4;

	private static final int HEADERS = 8;

	/** Separator, magic, version, checksum, flags. */
	private static final int ENVELOPE = 3 + 4 + 1;

	private NativeFrame() {
	}

	/**
	 * Writes a native frame.
	 * @param topic the event type, UTF-8
	 * @param data the encoded payload, or {@code null}
	 * @param dtype the payload's dtype, or {@code null}
	 * @param id the event id, ASCII
	 * @param timestamp the wire timestamp text
	 * @param source the publisher's id, or {@code null}
	 * @param sequence the publisher's sequence number, with a source
	 * @param headers the headers, empty for none
	 * @return the frame
	 * @throws IllegalArgumentException if a field is too long for its length prefix or the type holds NUL
	 */
	public static byte[] write(byte[] topic, byte[] data, String dtype, String id, String timestamp, String source,
			long sequence, Map<String, String> headers) {
		for (byte b : topic) {
			if (b == 0) {
				throw new IllegalArgumentException("An event type must not contain NUL");
			}
		}
		// ASCII fields (ids, timestamps, client ids, nearly every dtype) go in char by char, checked as they
		// go: no intermediate byte array per field, one pass over each; a field that is not ASCII after all
		// makes the frame be written again with the UTF-8 of such fields
		byte[] frame = write(topic, data, dtype, id, timestamp, source, sequence, headers, true);
		return (frame != null) ? frame : write(topic, data, dtype, id, timestamp, source, sequence, headers, false);
	}

	/** @return the frame, or {@code null} when {@code assumeAscii} and a text field is not ASCII */
	private static byte[] write(byte[] topic, byte[] data, String dtype, String id, String timestamp, String source,
			long sequence, Map<String, String> headers, boolean assumeAscii) {
		Object dtypeText = (dtype != null) ? text(dtype, "dtype", assumeAscii) : null;
		Object idText = text(id, "id", assumeAscii);
		Object timestampText = text(timestamp, "timestamp", assumeAscii);
		Object sourceText = (source != null) ? text(source, "source", assumeAscii) : null;
		int flags = ((data != null) ? DATA : 0) | ((dtype != null) ? DTYPE : 0) | ((source != null) ? SOURCE : 0)
				| (headers.isEmpty() ? 0 : HEADERS);
		int length = topic.length + ENVELOPE + 2 + length(idText) + 2 + length(timestampText)
				+ ((sourceText != null) ? 8 + 2 + length(sourceText) : 0)
				+ ((dtypeText != null) ? 2 + length(dtypeText) : 0)
				+ ((data != null) ? data.length : 0);
		Object[] headerTexts = null;
		if (!headers.isEmpty()) {
			headerTexts = new Object[headers.size() * 2];
			int i = 0;
			for (Map.Entry<String, String> header : headers.entrySet()) {
				headerTexts[i++] = text(header.getKey(), "header name", assumeAscii);
				headerTexts[i++] = text(header.getValue(), "header value", assumeAscii);
			}
			length += 2;
			for (Object text : headerTexts) {
				length += 2 + length(text);
			}
		}
		byte[] frame = new byte[length];
		System.arraycopy(topic, 0, frame, 0, topic.length);
		int pos = topic.length;
		frame[pos++] = 0;
		frame[pos++] = MAGIC;
		frame[pos++] = VERSION;
		int crcAt = pos;
		pos += 4;
		frame[pos++] = (byte) flags;
		if (sourceText != null) {
			pos = putLong(frame, pos, sequence);
		}
		pos = put16(frame, pos, idText);
		pos = put16(frame, pos, timestampText);
		if (sourceText != null) {
			pos = put16(frame, pos, sourceText);
		}
		if (dtypeText != null) {
			pos = put16(frame, pos, dtypeText);
		}
		if (pos < 0) {
			return null;
		}
		if (headerTexts != null) {
			frame[pos++] = (byte) (headers.size() >>> 8);
			frame[pos++] = (byte) headers.size();
			for (Object text : headerTexts) {
				pos = put16(frame, pos, text);
			}
			if (pos < 0) {
				return null;
			}
		}
		if (data != null) {
			System.arraycopy(data, 0, frame, pos, data.length);
		}
		int crc = crc(frame, topic.length, crcAt + 4);
		frame[crcAt] = (byte) (crc >>> 24);
		frame[crcAt + 1] = (byte) (crc >>> 16);
		frame[crcAt + 2] = (byte) (crc >>> 8);
		frame[crcAt + 3] = (byte) crc;
		return frame;
	}

	/**
	 * Writes an event in the native format.
	 * @param event the event, as either format decodes it
	 * @return the frame
	 */
	public static byte[] write(WireEvent event) {
		return write(event.type().getBytes(StandardCharsets.UTF_8), event.data(), event.dtype(), event.id(),
				event.timestamp(), event.source(), event.sequence(), event.headers());
	}

	/**
	 * Tells a native frame from anything else by its marker, without checking it.
	 * @param frame a single-frame message
	 * @return whether it carries the native marker
	 */
	public static boolean isNative(byte[] frame) {
		int nul = indexOfNul(frame, 0, frame.length);
		return nul > 0 && nul + ENVELOPE <= frame.length && frame[nul + 1] == MAGIC;
	}

	/**
	 * Checks a native frame in place, as the broker does before relaying it: marker, version,
	 * checksum, every length inside the frame, text that is valid UTF-8.
	 * @param frame the frame
	 * @param checker reused by one thread for its checksum state
	 * @return the event type's length in bytes: the type is {@code frame[0, length)}
	 * @throws WireFormatException if the frame is not a valid native event
	 */
	public static int check(byte[] frame, Checker checker) {
		return check(frame, 0, frame.length, checker);
	}

	/**
	 * Checks a native frame that is part of a larger array, such as one event of a {@link NativeBatch}.
	 * @param bytes the array holding the frame
	 * @param from where the frame starts
	 * @param to where it ends (exclusive)
	 * @param checker reused by one thread for its checksum state
	 * @return the event type's length in bytes: the type is {@code bytes[from, from + length)}
	 * @throws WireFormatException if the frame is not a valid native event
	 */
	public static int check(byte[] bytes, int from, int to, Checker checker) {
		return new Cursor(bytes, from, to, checker).walk(null);
	}

	/**
	 * Decodes a native frame, checking it as {@link #check} does.
	 * @param frame the frame
	 * @param checker reused by one thread for its checksum state and recently seen strings
	 * @return the event, payload still encoded
	 * @throws WireFormatException if the frame is not a valid native event
	 */
	public static WireEvent decode(byte[] frame, Checker checker) {
		return decode(frame, 0, frame.length, checker);
	}

	/**
	 * Decodes a native frame that is part of a larger array, checking it as {@link #check} does.
	 * @param bytes the array holding the frame
	 * @param from where the frame starts
	 * @param to where it ends (exclusive)
	 * @param checker reused by one thread for its checksum state and recently seen strings
	 * @return the event, payload still encoded
	 * @throws WireFormatException if the frame is not a valid native event
	 */
	public static WireEvent decode(byte[] bytes, int from, int to, Checker checker) {
		WireEvent[] out = new WireEvent[1];
		new Cursor(bytes, from, to, checker).walk(out);
		return out[0];
	}

	/**
	 * Tells from the flags alone whether a checked frame has headers, so that only such a frame is
	 * decoded for them (a request's reply address is one).
	 * @param bytes the array holding the frame
	 * @param from where the frame starts
	 * @param typeLength the length of its type
	 * @return whether the frame carries headers
	 */
	public static boolean hasHeaders(byte[] bytes, int from, int typeLength) {
		return (bytes[from + typeLength + ENVELOPE - 1] & HEADERS) != 0;
	}

	/** @return whether the type at the start of a checked frame is reserved for the bus */
	public static boolean isReserved(byte[] frame, int typeLength) {
		byte[] prefix = RESERVED_PREFIX;
		if (typeLength < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (frame[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static final byte[] RESERVED_PREFIX = ReservedTopics.PREFIX
		.getBytes(StandardCharsets.US_ASCII);

	/**
	 * What one reading thread keeps between frames: the checksum engine, and the strings of the last
	 * frame, which the next frame of the same stream nearly always repeats, so that they are not
	 * allocated again.
	 */
	public static final class Checker {

		private final CRC32 crc = new CRC32();

		private final Recent type = new Recent();

		private final Recent dtype = new Recent();

		private final Recent source = new Recent();
	}

	/** The last string decoded for a field, with its bytes. */
	private static final class Recent {

		private byte[] bytes = new byte[0];

		private String text = "";

		/** @return whether the bytes are those of the last string decoded, which were valid UTF-8 then */
		boolean repeats(byte[] frame, int from, int length) {
			return length == this.bytes.length && Arrays.equals(frame, from, from + length, this.bytes, 0, length);
		}

		String decode(byte[] frame, int from, int length) {
			if (repeats(frame, from, length)) {
				return this.text;
			}
			this.bytes = Arrays.copyOfRange(frame, from, from + length);
			this.text = new String(frame, from, length, StandardCharsets.UTF_8);
			return this.text;
		}
	}

	/** Walks a frame's fields once, checking each, and builds the event when asked to. */
	private static final class Cursor {

		private final byte[] frame;

		private final int start;

		private final int end;

		private final Checker checker;

		private int pos;

		private String typeText;

		Cursor(byte[] frame, int start, int end, Checker checker) {
			this.frame = frame;
			this.start = start;
			this.end = end;
			this.checker = checker;
		}

		int walk(WireEvent[] out) {
			byte[] f = this.frame;
			int start = this.start;
			int end = this.end;
			int nul = indexOfNul(f, start, end);
			if (nul <= start || nul + ENVELOPE > end || f[nul + 1] != MAGIC) {
				throw new WireFormatException(DropReason.FRAME_COUNT,
						"a one-frame message that is no native event (Python's format has three frames)", null, null);
			}
			if (f[nul + 2] != VERSION) {
				throw fail(DropReason.MALFORMED, "native format version " + f[nul + 2] + " is not " + VERSION, nul);
			}
			int crcAt = nul + 3;
			int expected = ((f[crcAt] & 0xff) << 24) | ((f[crcAt + 1] & 0xff) << 16) | ((f[crcAt + 2] & 0xff) << 8)
					| (f[crcAt + 3] & 0xff);
			CRC32 crc = this.checker.crc;
			crc.reset();
			crc.update(f, start, nul - start);
			crc.update(f, crcAt + 4, end - crcAt - 4);
			if ((int) crc.getValue() != expected) {
				throw fail(DropReason.CHECKSUM, "checksum does not match the native frame", nul);
			}
			// a field that repeats the last frame's (type, source, dtype nearly always do) was checked then
			Checker c = this.checker;
			if (!c.type.repeats(f, start, nul - start) && !Utf8.isValid(f, start, nul - start)) {
				throw new WireFormatException(DropReason.UTF8, "event type is not valid UTF-8", null, null);
			}
			this.pos = crcAt + 4;
			int flags = f[this.pos++];
			if ((flags & ~(DATA | DTYPE | SOURCE | HEADERS)) != 0) {
				throw fail(DropReason.MALFORMED, "unknown flags " + flags, nul);
			}
			long sequence = 0;
			if ((flags & SOURCE) != 0) {
				need(8, nul);
				sequence = getLong(f, this.pos);
				this.pos += 8;
			}
			int idAt = field16(nul);
			int idLength = this.pos - idAt;
			utf8(idAt, idLength, nul, "id");
			int tsAt = field16(nul);
			int tsLength = this.pos - tsAt;
			utf8(tsAt, tsLength, nul, "timestamp");
			int sourceAt = -1;
			int sourceLength = 0;
			if ((flags & SOURCE) != 0) {
				sourceAt = field16(nul);
				sourceLength = this.pos - sourceAt;
				if (!c.source.repeats(f, sourceAt, sourceLength)) {
					utf8(sourceAt, sourceLength, nul, "source");
				}
			}
			int dtypeAt = -1;
			int dtypeLength = 0;
			if ((flags & DTYPE) != 0) {
				dtypeAt = field16(nul);
				dtypeLength = this.pos - dtypeAt;
				if (!c.dtype.repeats(f, dtypeAt, dtypeLength)) {
					utf8(dtypeAt, dtypeLength, nul, "dtype");
				}
			}
			Map<String, String> headers = Collections.emptyMap();
			if ((flags & HEADERS) != 0) {
				need(2, nul);
				int count = ((f[this.pos] & 0xff) << 8) | (f[this.pos + 1] & 0xff);
				this.pos += 2;
				Map<String, String> read = (out != null) ? new LinkedHashMap<>() : null;
				for (int i = 0; i < count; i++) {
					int keyAt = field16(nul);
					int keyLength = this.pos - keyAt;
					utf8(keyAt, keyLength, nul, "header name");
					int valueAt = field16(nul);
					int valueLength = this.pos - valueAt;
					utf8(valueAt, valueLength, nul, "header value");
					if (read != null) {
						read.put(new String(f, keyAt, keyLength, StandardCharsets.UTF_8),
								new String(f, valueAt, valueLength, StandardCharsets.UTF_8));
					}
				}
				if (read != null) {
					headers = Collections.unmodifiableMap(read);
				}
			}
			if ((flags & DATA) == 0 && this.pos != end) {
				throw fail(DropReason.MALFORMED, (end - this.pos) + " bytes after the last field", nul);
			}
			if (out != null) {
				byte[] data = ((flags & DATA) != 0) ? Arrays.copyOfRange(f, this.pos, end) : null;
				out[0] = new WireEvent(c.type.decode(f, start, nul - start), data,
						(dtypeAt >= 0) ? c.dtype.decode(f, dtypeAt, dtypeLength) : null,
						new String(f, idAt, idLength, StandardCharsets.UTF_8),
						new String(f, tsAt, tsLength, StandardCharsets.UTF_8),
						(sourceAt >= 0) ? c.source.decode(f, sourceAt, sourceLength) : null, sequence, headers);
			}
			return nul - start;
		}

		/** Skips a field with a two-byte length. @return where its text starts; it ends at {@code pos} */
		private int field16(int nul) {
			need(2, nul);
			int length = ((this.frame[this.pos] & 0xff) << 8) | (this.frame[this.pos + 1] & 0xff);
			this.pos += 2;
			need(length, nul);
			int at = this.pos;
			this.pos += length;
			return at;
		}

		private void need(int bytes, int nul) {
			if (this.pos + bytes > this.end) {
				throw fail(DropReason.MALFORMED, "a field runs past the end of the frame", nul);
			}
		}

		private void utf8(int at, int length, int nul, String what) {
			if (!Utf8.isValid(this.frame, at, length)) {
				throw fail(DropReason.UTF8, what + " is not valid UTF-8", nul);
			}
		}

		private WireFormatException fail(DropReason reason, String detail, int nul) {
			if (this.typeText == null) {
				this.typeText = new String(this.frame, this.start, nul - this.start, StandardCharsets.UTF_8);
			}
			return new WireFormatException(reason, detail, this.typeText, null);
		}
	}

	private static int crc(byte[] frame, int topicLength, int after) {
		CRC32 crc = new CRC32();
		crc.update(frame, 0, topicLength);
		crc.update(frame, after, frame.length - after);
		return (int) crc.getValue();
	}

	static int indexOfNul(byte[] frame, int from, int to) {
		for (int i = from; i < to; i++) {
			if (frame[i] == 0) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * @param assumeAscii whether to take the string as ASCII without looking, as {@link #put16} checks it
	 * @return the string itself when it is (taken as) ASCII, else its UTF-8 bytes; either way at most
	 * 65535 bytes
	 */
	private static Object text(String text, String what, boolean assumeAscii) {
		Object encoded = (assumeAscii || isAscii(text)) ? text : text.getBytes(StandardCharsets.UTF_8);
		if (length(encoded) > 0xffff) {
			throw new IllegalArgumentException("The " + what + " is longer than 65535 bytes");
		}
		return encoded;
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	private static int length(Object text) {
		return (text instanceof String ascii) ? ascii.length() : ((byte[]) text).length;
	}

	/**
	 * @param pos where to write, negative once a string was found not to be ASCII
	 * @return where the next field goes, negative when this string or one before was not ASCII
	 */
	private static int put16(byte[] frame, int pos, Object text) {
		if (pos < 0) {
			return pos;
		}
		int length = length(text);
		frame[pos++] = (byte) (length >>> 8);
		frame[pos++] = (byte) length;
		if (text instanceof String ascii) {
			for (int i = 0; i < length; i++) {
				char c = ascii.charAt(i);
				if (c >= 0x80) {
					return -1;
				}
				frame[pos + i] = (byte) c;
			}
		}
		else {
			System.arraycopy((byte[]) text, 0, frame, pos, length);
		}
		return pos + length;
	}

	private static int putLong(byte[] frame, int pos, long value) {
		for (int shift = 56; shift >= 0; shift -= 8) {
			frame[pos++] = (byte) (value >>> shift);
		}
		return pos;
	}

	private static long getLong(byte[] frame, int pos) {
		long value = 0;
		for (int i = 0; i < 8; i++) {
			value = (value << 8) | (frame[pos + i] & 0xff);
		}
		return value;
	}
}
