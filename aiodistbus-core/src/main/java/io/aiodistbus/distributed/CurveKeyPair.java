package io.aiodistbus.distributed;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.zeromq.ZMQ;

/**
 * A CurveZMQ key pair in Z85 text: the public key may be shared, the secret key must stay with its
 * owner. Both keys are checked on construction, including that the secret key belongs to the public
 * key. {@link #toString()} never shows the secret key.
 *
 * <h2>Key files</h2>
 * {@link #writeTo(Path)} writes a ZeroMQ secret certificate (the "zcert" format that czmq, pyzmq's
 * {@code zmq.auth.load_certificate} and JeroMQ's {@code ZCert} use):
 * <pre>
 * metadata
 * curve
 *     public-key = "&lt;40 Z85 characters&gt;"
 *     secret-key = "&lt;40 Z85 characters&gt;"
 * </pre>
 * {@link #fromFile(Path)} reads that format, and the plainer two lines {@code public=<key>} and
 * {@code secret=<key>} as {@code --generate-keys} prints them; lines starting with {@code #} are
 * comments.
 *
 * @param publicKey the public key, 40 Z85 characters
 * @param secretKey the secret key, 40 Z85 characters
 */
public record CurveKeyPair(String publicKey, String secretKey) {

	private static final Pattern KEY_LINE = Pattern.compile("(public|secret)(?:-key)?\\s*=\\s*\"?([^\"\\s]*)\"?");

	/** A fixed pair to test other pairs against; see {@link #belongTogether}. */
	private static final byte[][] PROBE = Engine.curveKeyPair();

	/** Checks both keys and that they belong together. */
	public CurveKeyPair {
		CurveKeys.requireKey(publicKey, "public key");
		CurveKeys.requireKey(secretKey, "secret key");
		if (!belongTogether(ZMQ.Curve.z85Decode(publicKey), ZMQ.Curve.z85Decode(secretKey))) {
			throw new IllegalArgumentException("secret key does not belong to public key " + publicKey
					+ " (keys of two different pairs?)");
		}
	}

	/** @return a new random key pair */
	public static CurveKeyPair generate() {
		ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
		return new CurveKeyPair(pair.publicKey, pair.secretKey);
	}

	/**
	 * @param publicKey the public key, Z85
	 * @param secretKey the secret key, Z85
	 * @return the pair
	 * @throws IllegalArgumentException if a key is malformed or they do not belong together
	 */
	public static CurveKeyPair of(String publicKey, String secretKey) {
		return new CurveKeyPair(publicKey, secretKey);
	}

	/**
	 * Reads a key pair from a file in either format described above.
	 * @param file a secret certificate
	 * @return the pair
	 * @throws IOException if the file cannot be read
	 * @throws IllegalArgumentException naming the file, if a key is missing or malformed
	 */
	public static CurveKeyPair fromFile(Path file) throws IOException {
		String publicKey = null;
		String secretKey = null;
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		for (String raw : lines) {
			String line = raw.strip();
			Matcher matcher = KEY_LINE.matcher(line);
			if (line.startsWith("#") || !matcher.matches()) {
				continue;
			}
			if (matcher.group(1).equals("public")) {
				publicKey = matcher.group(2);
			}
			else {
				secretKey = matcher.group(2);
			}
		}
		if (publicKey == null || secretKey == null) {
			String missing = (publicKey == null) ? "public" : "secret";
			throw new IllegalArgumentException("Key file " + file + " has no " + missing + " key: expected lines "
					+ "'public-key = \"...\"' and 'secret-key = \"...\"' (or public=... and secret=...)");
		}
		try {
			return new CurveKeyPair(publicKey, secretKey);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Key file " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Writes this pair as a secret certificate (zcert format), readable by the owner only where the
	 * file system has POSIX permissions. An existing file is never overwritten, so a key in use cannot
	 * be lost by accident.
	 * @param file the file to create
	 * @throws java.nio.file.FileAlreadyExistsException if the file exists
	 * @throws IOException if it cannot be written
	 */
	public void writeTo(Path file) throws IOException {
		// The permissions are set as the file is created: no moment in which others could read it.
		FileAttribute<?>[] attributes = new FileAttribute<?>[0];
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			attributes = new FileAttribute<?>[] {
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) };
		}
		Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		try (Writer writer = Channels.newWriter(Files.newByteChannel(file, options, attributes),
				StandardCharsets.UTF_8)) {
			writer.write("#   ZeroMQ CURVE **Secret** Certificate, written by aiodistbus\n"
					+ "#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.\n\n"
					+ "metadata\n"
					+ "curve\n"
					+ "    public-key = \"" + this.publicKey + "\"\n"
					+ "    secret-key = \"" + this.secretKey + "\"\n");
		}
	}

	/**
	 * Tells whether a secret key belongs to a public key without scalar multiplication of our own: the
	 * shared NaCl box key of (public, probe secret) equals that of (probe public, secret) only if the
	 * public key is the secret key's, so boxing the same zeros both ways gives equal bytes.
	 */
	private static boolean belongTogether(byte[] publicKey, byte[] secretKey) {
		// NaCl's box wants 32 leading zero bytes of plaintext; 16 more are the message.
		byte[] plaintext = new byte[48];
		byte[] nonce = new byte[24];
		return Arrays.equals(Engine.curveBox(plaintext, nonce, publicKey, PROBE[1]),
				Engine.curveBox(plaintext, nonce, PROBE[0], secretKey));
	}

	/** @return the public key only; the secret key stays out of logs */
	@Override
	public String toString() {
		return "CurveKeyPair[publicKey=" + this.publicKey + ", secretKey=<hidden>]";
	}
}
