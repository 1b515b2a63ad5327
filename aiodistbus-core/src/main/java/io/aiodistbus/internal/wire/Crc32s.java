package io.aiodistbus.internal.wire;

import java.util.zip.CRC32;

/**
 * The third frame of an event: CRC-32 (zlib's, as Python's {@code zlib.crc32}) of the event JSON,
 * four bytes big-endian.
 */
public final class Crc32s {

	/** The length of a checksum frame. */
	public static final int LENGTH = 4;

	private Crc32s() {
	}

	/**
	 * Computes the checksum frame of an event JSON.
	 * @param json the event JSON frame
	 * @return the four checksum bytes
	 */
	public static byte[] checksum(byte[] json) {
		int crc = crc(json);
		return new byte[] { (byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc };
	}

	/**
	 * Checks a checksum frame against an event JSON.
	 * @param json the event JSON frame
	 * @param crcFrame the checksum frame as received
	 * @return {@code true} when the frame is four bytes holding the JSON's CRC-32
	 */
	public static boolean verify(byte[] json, byte[] crcFrame) {
		if (crcFrame == null || crcFrame.length != LENGTH) {
			return false;
		}
		int expected = ((crcFrame[0] & 0xff) << 24) | ((crcFrame[1] & 0xff) << 16) | ((crcFrame[2] & 0xff) << 8)
				| (crcFrame[3] & 0xff);
		return crc(json) == expected;
	}

	private static int crc(byte[] json) {
		CRC32 crc = new CRC32();
		crc.update(json, 0, json.length);
		return (int) crc.getValue();
	}
}
