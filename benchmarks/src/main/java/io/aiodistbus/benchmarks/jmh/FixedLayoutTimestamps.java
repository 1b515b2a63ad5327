package io.aiodistbus.benchmarks.jmh;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A sketch of the fast path suggested for the core: {@code yyyy-MM-ddTHH:mm:ss[.ffffff]} read digit by
 * digit, anything else handed to the formatter as before. Benchmark-only; not used by the bus.
 */
final class FixedLayoutTimestamps {

	private FixedLayoutTimestamps() {
	}

	static Instant parse(String text) {
		int length = text.length();
		if ((length != 19 && length != 26) || text.charAt(4) != '-' || text.charAt(7) != '-'
				|| text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
				|| (length == 26 && text.charAt(19) != '.')) {
			return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		int micros = (length == 26) ? digits(text, 20, 6) : 0;
		if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
				|| second > 59 || micros < 0) {
			return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
		}
		long days = LocalDate.of(year, month, day).toEpochDay();
		return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, micros * 1_000L);
	}

	/** @return the number, or -1 if a character is not a digit */
	private static int digits(String text, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			int digit = text.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}
}
