package io.aiodistbus.codec;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonStringsTest {

	@Test
	void escapesLikePythonJsonDumps() {
		// json.dumps('a"\\\n\t\r\b\f\x01\x1f\x7f/~ é\u20ac\U0001F600')
		String python = "\"a\\\"\\\\\\n\\t\\r\\b\\f\\u0001\\u001f\\u007f/~ \\u00e9\\u20ac\\ud83d\\ude00\"";
		String text = "a\"\\\n\t\r\b\f\u0001\u001f\u007f/~ \u00e9\u20ac\ud83d\ude00";
		assertThat(new String(JsonStrings.quoted(text), StandardCharsets.US_ASCII)).isEqualTo(python);
		assertThat(JsonStrings.quotedLength(text)).isEqualTo(python.length());
	}

	@Test
	void writesAtOffset() {
		byte[] target = new byte[10];
		int end = JsonStrings.writeQuoted("ab", target, 3);
		assertThat(end).isEqualTo(7);
		assertThat(new String(target, 3, 4, StandardCharsets.US_ASCII)).isEqualTo("\"ab\"");
	}
}
