package io.aiodistbus.benchmarks.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.aiodistbus.event.Event;

/** The sketched fast path must read every wire timestamp as the core does, or its figure means nothing. */
class FixedLayoutTimestampsTest {

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-28T14:05:50.123456", "2026-11-28T14:05:50", "1999-12-31T23:59:59.999999",
			"2024-02-29T00:00:00.000001", "2026-11-28T14:05:50.1234", "2026-11-28T14:05" })
	void readsAsTheCoreDoes(String text) {
		assertThat(FixedLayoutTimestamps.parse(text)).isEqualTo(Event.parseTimestamp(text));
	}
}
