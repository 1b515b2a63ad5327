package io.aiodistbus.benchmarks;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Progress lines on stderr, so that stdout holds only the table. */
final class Progress {

	private Progress() {
	}

	static void log(String format, Object... args) {
		System.err.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " "
				+ String.format(Locale.ROOT, format, args));
	}
}
