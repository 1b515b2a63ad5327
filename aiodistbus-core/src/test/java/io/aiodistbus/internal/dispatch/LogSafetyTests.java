package io.aiodistbus.internal.dispatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSafetyTests {

	@Test
	void escapesControlCharactersSoNoLineCanBeForged() {
		assertThat(LogSafety.safe("chat\n12:00 ERROR forged")).isEqualTo("chat\\u000a12:00 ERROR forged");
		assertThat(LogSafety.safe("a\u0000b\u2028")).isEqualTo("a\\u0000b\\u2028");
	}

	@Test
	void keepsOrdinaryTextAndCapsLength() {
		assertThat(LogSafety.safe("chat.message h\u00e9")).isEqualTo("chat.message h\u00e9");
		assertThat(LogSafety.safe("x".repeat(500))).hasSize(203).endsWith("...");
		assertThat(LogSafety.safe(null)).isEqualTo("?");
	}

	@Test
	void throttleLetsABurstThroughThenSuppresses() {
		LogThrottle slow = new LogThrottle(Long.MAX_VALUE, 1);
		assertThat(slow.admit()).isEqualTo(1);
		assertThat(slow.admit()).isEqualTo(-1);
		assertThat(slow.admit()).isEqualTo(-1);
	}
}
