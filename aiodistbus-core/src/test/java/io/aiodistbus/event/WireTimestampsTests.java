package io.aiodistbus.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WireTimestampsTests {

	private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

	@Test
	void formatsLikeTheReferenceFormatterAcrossSecondsAndDates() {
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 20_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000) * 1_000L);
			assertThat(WireTimestamps.format(instant))
				.isEqualTo(REFERENCE.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));
		}
	}

	@Test
	void writesSixFractionDigitsEvenWhenZero() {
		assertThat(WireTimestamps.format(Instant.parse("2026-11-28T12:00:00Z"))).isEqualTo("2026-11-28T12:00:00.000000");
		assertThat(Event.parseTimestamp("2026-11-28T12:00:00")).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
	}
}
