package io.aiodistbus.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants as the wire writes them ({@code 2026-11-28T12:00:00.123456}, UTC). Every emit
 * formats one, and {@link DateTimeFormatter} costs a few hundred nanoseconds, so the text up to the
 * second is computed once per second and only the six fraction digits per call; parsing likewise.
 */
final class WireTimestamps {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

	private static volatile Prefix cached = new Prefix(Long.MIN_VALUE, "");

	private static volatile Prefix parsed = new Prefix(Long.MIN_VALUE, "\u0000");

	private WireTimestamps() {
	}

	static String format(Instant instant) {
		return format(instant.getEpochSecond(), instant.getNano() / 1_000);
	}

	static String format(long second, int microsOfSecond) {
		Prefix prefix = cached;
		if (prefix.second != second) {
			prefix = new Prefix(second, SECONDS.format(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC)));
			cached = prefix;
		}
		String head = prefix.text;
		int micros = microsOfSecond;
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

	/**
	 * Parses the wire layout, {@code yyyy-MM-ddTHH:mm:ss} with an optional six-digit fraction, without
	 * a {@link DateTimeFormatter}: every received event has a timestamp to parse.
	 * @param text the timestamp text
	 * @return the instant, or {@code null} when the text is not in exactly that layout or names no
	 * valid time, for the caller to parse the general way
	 */
	static Instant parse(String text) {
		int length = text.length();
		if ((length != 19 && length != 26) || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':' || (length == 26 && text.charAt(19) != '.')) {
			return null;
		}
		Prefix prefix = parsed;
		long second;
		if (text.startsWith(prefix.text)) {
			second = prefix.second;
		}
		else {
			int year = digits(text, 0, 4);
			int month = digits(text, 5, 2);
			int day = digits(text, 8, 2);
			int hour = digits(text, 11, 2);
			int minute = digits(text, 14, 2);
			int sec = digits(text, 17, 2);
			if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
					|| minute > 59 || sec < 0 || sec > 59 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
				return null;
			}
			second = java.time.LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L
					+ sec;
			parsed = new Prefix(second, text.substring(0, 19));
		}
		int micros = 0;
		if (length == 26) {
			micros = digits(text, 20, 6);
			if (micros < 0) {
				return null;
			}
		}
		return Instant.ofEpochSecond(second, micros * 1_000L);
	}

	/** @return the decimal value of {@code count} ASCII digits at {@code start}, or -1 */
	private static int digits(String text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private record Prefix(long second, String text) {
	}
}
