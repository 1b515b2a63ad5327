package io.aiodistbus.internal.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 checks, fast for ASCII, which both formats nearly always carry. */
final class Utf8 {

	private Utf8() {
	}

	static boolean isValid(byte[] bytes, int offset, int length) {
		for (int i = offset; i < offset + length; i++) {
			if (bytes[i] < 0) {
				try {
					StandardCharsets.UTF_8.newDecoder()
						.onMalformedInput(CodingErrorAction.REPORT)
						.onUnmappableCharacter(CodingErrorAction.REPORT)
						.decode(ByteBuffer.wrap(bytes, offset, length));
					return true;
				}
				catch (CharacterCodingException ex) {
					return false;
				}
			}
		}
		return true;
	}
}
