package io.aiodistbus.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.aiodistbus.DropReason;

/**
 * A native event or batch that the broker sends to one member of a consumer group, under the member's
 * own topic, which only that member's client subscribes to.
 * <pre>
 * topic      the member topic, UTF-8, no NUL: aiodistbus.eventbus.member.&lt;client id&gt;/&lt;group&gt;/&lt;pattern&gt;/
 * 0x00 0xAD 0x03                                   separator, magic, kind: routed
 * inner      a whole {@link NativeFrame} or {@link NativeBatch}, untouched
 * </pre>
 * The inner message keeps its own checksums, so the wrapping adds none. Clients never push this kind:
 * the broker refuses it as it refuses any native frame of another version.
 */
public final class NativeRouted {

	/** The kind byte after the magic that marks a routed message. */
	static final byte KIND = 3;

	private static final int HEADER = 3;

	private NativeRouted() {
	}

	/**
	 * Wraps a native event or batch for one member.
	 * @param memberTopic the member's topic, UTF-8, without NUL
	 * @param inner the native frame or batch
	 * @return the routed message
	 */
	public static byte[] write(byte[] memberTopic, byte[] inner) {
		byte[] message = Arrays.copyOf(memberTopic, memberTopic.length + HEADER + inner.length);
		message[memberTopic.length] = 0;
		message[memberTopic.length + 1] = NativeFrame.MAGIC;
		message[memberTopic.length + 2] = KIND;
		System.arraycopy(inner, 0, message, memberTopic.length + HEADER, inner.length);
		return message;
	}

	/**
	 * @param frame a single-frame message
	 * @return whether it carries the routed marker (not yet checked)
	 */
	public static boolean isRouted(byte[] frame) {
		int nul = NativeFrame.indexOfNul(frame, 0, frame.length);
		return nul > 0 && nul + HEADER <= frame.length && frame[nul + 1] == NativeFrame.MAGIC
				&& frame[nul + 2] == KIND;
	}

	/**
	 * @param routed a routed message
	 * @return its member topic
	 * @throws WireFormatException if it is no routed message
	 */
	public static String memberTopic(byte[] routed) {
		return new String(routed, 0, topicLength(routed), StandardCharsets.UTF_8);
	}

	/**
	 * @param routed a routed message
	 * @return a copy of the native frame or batch it carries
	 * @throws WireFormatException if it is no routed message
	 */
	public static byte[] inner(byte[] routed) {
		return Arrays.copyOfRange(routed, topicLength(routed) + HEADER, routed.length);
	}

	private static int topicLength(byte[] routed) {
		if (!isRouted(routed)) {
			throw new WireFormatException(DropReason.MALFORMED, "not a routed native message", null, null);
		}
		return NativeFrame.indexOfNul(routed, 0, routed.length);
	}
}
