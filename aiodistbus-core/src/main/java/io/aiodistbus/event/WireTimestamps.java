package io.aiodistbus.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants as the wire writes them ({@code 2026-11-28T12:00:00.123456}, UTC). Every emit
 * formats one, and {@link DateTimeFormatter} costs a few hundred nanoseconds, so the text up to the
 * second is computed once per second and only the six fraction digits per call.
 */
final class WireTimestamps {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

	private static volatile Prefix cached = new Prefix(Long.MIN_VALUE, "");

	private WireTimestamps() {
	}

	static String format(Instant instant) {
		long second = instant.getEpochSecond();
		Prefix prefix = cached;
		if (prefix.second != second) {
			prefix = new Prefix(second, SECONDS.format(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC)));
			cached = prefix;
		}
		String head = prefix.text;
		int micros = instant.getNano() / 1_000;
		char[] text = new char[head.length() + 7];
		head.getChars(0, head.length(), text, 0);
		int pos = head.length();
		text[pos] = '.';
		for (int i = 6; i >= 1; i--) {
			text[pos + i] = (char) ('0' + micros % 10);
			micros /= 10;
		}
		return new String(text);
	}

	private record Prefix(long second, String text) {
	}
}
