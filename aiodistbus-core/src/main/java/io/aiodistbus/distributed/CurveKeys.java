package io.aiodistbus.distributed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.zeromq.ZMQ;

/**
 * Reading and checking CurveZMQ keys in their Z85 text form (ZeroMQ RFC 32): 40 characters for a
 * 32-byte key.
 */
public final class CurveKeys {

	/** The length of a CURVE key in Z85 text. */
	public static final int Z85_LENGTH = ZMQ.Curve.KEY_SIZE_Z85;

	private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			+ ".-:+=^!/*?&<>()[]{}@%$#";

	private CurveKeys() {
	}

	/**
	 * Reads an allow-list: one Z85 public key per line, optionally followed by whitespace and a
	 * {@code #} comment (a name, say); blank lines and lines starting with {@code #} are skipped.
	 * @param file the file to read, UTF-8
	 * @return the keys in file order
	 * @throws IOException if the file cannot be read
	 * @throws IllegalArgumentException naming the line, if a key is malformed
	 */
	public static List<String> readPublicKeys(Path file) throws IOException {
		List<String> keys = new ArrayList<>();
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] parts = line.split("\\s+", 2);
			String where = file + " line " + (i + 1);
			if (parts.length == 2 && !parts[1].startsWith("#")) {
				throw new IllegalArgumentException(where + ": expected one key per line, optionally followed by "
						+ "a # comment");
			}
			keys.add(requireKey(parts[0], "public key at " + where));
		}
		return keys;
	}

	/**
	 * Checks that a text is a Z85 CURVE key. The message never repeats the text, since a misplaced
	 * secret key must not reach a log.
	 * @param key the text
	 * @param what what the key is, for the message (e.g. {@code "broker public key"})
	 * @return the key
	 * @throws IllegalArgumentException if it is not 40 Z85 characters encoding 32 bytes
	 */
	static String requireKey(String key, String what) {
		if (key == null) {
			throw new IllegalArgumentException(what + " must not be null");
		}
		if (key.length() != Z85_LENGTH) {
			throw new IllegalArgumentException(what + " must be " + Z85_LENGTH + " Z85 characters, was "
					+ key.length() + " characters");
		}
		for (int i = 0; i < key.length(); i++) {
			if (ALPHABET.indexOf(key.charAt(i)) < 0) {
				throw new IllegalArgumentException(what + " is not Z85: character " + (i + 1)
						+ " is outside the Z85 alphabet");
			}
		}
		// Some 5-character groups overflow 32 bits and would decode to a different key than written.
		if (!ZMQ.Curve.z85Encode(ZMQ.Curve.z85Decode(key)).equals(key)) {
			throw new IllegalArgumentException(what + " is not a valid Z85 encoding of a 32-byte key");
		}
		return key;
	}
}
