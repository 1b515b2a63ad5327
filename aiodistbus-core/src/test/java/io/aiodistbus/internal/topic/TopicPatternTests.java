package io.aiodistbus.internal.topic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopicPatternTests {

	@ParameterizedTest(name = "{0} vs {1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			chat                      | chat                      | true
			chat                      | chatter                   | false
			chat                      | chat.message              | false
			chat.message              | chat                      | false
			a.b                       | a.b                       | true
			a.b                       | a.c                       | false
			a.*                       | a                         | false
			a.*                       | a.b                       | true
			a.*                       | a.b.c                     | true
			a.*                       | b.a                       | false
			a.*                       | ab                        | false
			*                         | a                         | true
			*                         | a.b.c                     | true
			*                         | ''                        | true
			*                         | aiodistbus.eventbus.pulse | false
			*                         | aiodistbus.eventbus.close | false
			aiodistbus.*              | aiodistbus.eventbus.close | false
			aiodistbus.eventbus.*     | aiodistbus.eventbus.close | false
			aiodistbus.eventbus.close | aiodistbus.eventbus.close | true
			aiodistbus.eventbus.close | aiodistbus.eventbus.pulse | false
			aiodistbus.*              | aiodistbus.other          | true
			a.*.c                     | a.x.c                     | true
			a.*.c                     | a.c                       | false
			a.*.c                     | a.x.y.c                   | false
			a.*.c                     | a.x.d                     | false
			a.*.c                     | a.x.c.d                   | false
			*.b                       | x.b                       | true
			*.b                       | b                         | false
			*.b                       | x.y.b                     | false
			*.b                       | x.b.c                     | false
			*.*                       | x                         | false
			*.*                       | x.y                       | true
			*.*                       | x.y.z                     | true
			a.*.*                     | a.x                       | false
			a.*.*                     | a.x.y                     | true
			a.*.*                     | a.x.y.z                   | true
			a.b.*                     | a.b.                      | true
			a b.*                     | a b.c                     | true
			""")
	void matches(String pattern, String type, boolean expected) {
		assertThat(TopicPattern.parse(pattern).matches(type)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} -> ''{1}''")
	@CsvSource(delimiter = '|', textBlock = """
			chat         | chat
			a.b          | a.b
			a.*          | a.
			a.b.*        | a.b.
			a.*.c        | a.
			a.b.*.d.*    | a.b.
			*            | ''
			*.b          | ''
			""")
	void subscriptionPrefix(String pattern, String expected) {
		assertThat(TopicPattern.parse(pattern).subscriptionPrefix()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			a..b  | segment 2 is empty
			.a    | segment 1 is empty
			a.    | segment 2 is empty
			.     | segment 1 is empty
			a*b   | segment 1 ('a*b') mixes '*' with other characters
			a.b*  | segment 2 ('b*') mixes '*' with other characters
			*a    | segment 1 ('*a') mixes '*' with other characters
			**    | segment 1 ('**') mixes '*' with other characters
			""")
	void malformedPatternIsRejected(String pattern, String problem) {
		assertThatIllegalArgumentException().isThrownBy(() -> TopicPattern.parse(pattern))
			.withMessageStartingWith("Invalid topic pattern '" + pattern + "': " + problem);
	}

	@ParameterizedTest
	@NullAndEmptySource
	void nullOrEmptyPatternIsRejected(String pattern) {
		assertThatIllegalArgumentException().isThrownBy(() -> TopicPattern.parse(pattern))
			.withMessage("Topic pattern must not be null or empty");
	}

	@Test
	void exactPatternExposesItsParts() {
		TopicPattern pattern = TopicPattern.parse("chat.message");
		assertThat(pattern.isWildcard()).isFalse();
		assertThat(pattern.text()).isEqualTo("chat.message");
		assertThat(pattern.segments()).containsExactly("chat", "message");
	}

	@Test
	void wildcardPatternExposesItsParts() {
		TopicPattern pattern = TopicPattern.parse("a.*.c");
		assertThat(pattern.isWildcard()).isTrue();
		assertThat(pattern.segments()).containsExactly("a", "*", "c");
	}

	@Test
	void equalityFollowsText() {
		assertThat(TopicPattern.parse("a.*")).isEqualTo(TopicPattern.parse("a.*"))
			.hasSameHashCodeAs(TopicPattern.parse("a.*"))
			.isNotEqualTo(TopicPattern.parse("a.b"))
			.hasToString("a.*");
	}

	@Test
	void reservedTypeMatchesOnlyItsExactPattern() {
		assertThat(TopicPattern.parse("aiodistbus.eventbus.pulse").matches("aiodistbus.eventbus.pulse")).isTrue();
		assertThat(TopicPattern.parse("*.eventbus.pulse").matches("aiodistbus.eventbus.pulse")).isFalse();
	}
}
