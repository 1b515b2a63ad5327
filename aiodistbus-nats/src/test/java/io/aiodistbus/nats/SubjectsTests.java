package io.aiodistbus.nats;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.aiodistbus.event.ReservedTopics;
import io.aiodistbus.internal.topic.TopicPattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Our patterns and NATS's wildcards select the same types: every pattern against every type, the
 * pattern's own matching against NATS's matching of the mapped subjects.
 */
class SubjectsTests {

	private final Subjects subjects = new Subjects("bus");

	private static final List<String> TYPES = List.of("chat", "chat.message", "chat.a.b", "chatter", "a.c", "a.x.c",
			"a.x.y.c", "a.b", "a.", ".a", "a..b", "a b.c", "caf\u00e9.\ud83d\ude00", "*", "a.*", "a.>", ">", "~x", "a.~",
			"x.\t", ReservedTopics.CLOSE, ReservedTopics.PULSE);

	private static final List<String> PATTERNS = List.of("chat", "chat.*", "a.*.c", "*", "*.c", "a.*", "*.*",
			"a b.*", "caf\u00e9.*", "~x", ReservedTopics.CLOSE);

	@Test
	void natsWildcardsSelectWhatOurPatternsMatchButReservedTypes() {
		for (String pattern : PATTERNS) {
			TopicPattern parsed = TopicPattern.parse(pattern);
			String filter = this.subjects.subscription(parsed);
			for (String type : TYPES) {
				boolean nats = SubjectSubscriptions.matches(filter, this.subjects.subject(type));
				if (ReservedTopics.isReserved(type) && parsed.isWildcard()) {
					assertThat(parsed.matches(type)).as("%s never matches %s", pattern, type).isFalse();
				}
				else {
					assertThat(nats).as("%s (%s) against %s (%s)", pattern, filter, type, this.subjects.subject(type))
						.isEqualTo(parsed.matches(type));
				}
			}
		}
	}

	@Test
	void plainTypesKeepTheirNameAndOthersAreEscapedTokenForToken() {
		assertThat(this.subjects.subject("chat.message")).isEqualTo("bus.chat.message");
		assertThat(this.subjects.subject("a..b")).isEqualTo("bus.a.~.b");
		assertThat(this.subjects.subject("a b.*")).isEqualTo("bus.~612062.~2a");
		assertThat(this.subjects.subject("~x")).isEqualTo("bus.~7e78");
		assertThat(this.subjects.subscription(TopicPattern.parse("chat.*"))).isEqualTo("bus.chat.>");
		assertThat(this.subjects.subscription(TopicPattern.parse("a.*.c"))).isEqualTo("bus.a.*.c");
		assertThat(this.subjects.subscription(TopicPattern.parse("*"))).isEqualTo("bus.>");
	}

	@Test
	void distinctTypesGetDistinctSubjects() {
		assertThat(TYPES.stream().map(this.subjects::subject).distinct()).hasSameSizeAs(TYPES);
	}

	@Test
	void typeOfASubjectIsTheTypePublishedOnIt() {
		for (String type : TYPES) {
			assertThat(this.subjects.type(this.subjects.subject(type))).as(type).isEqualTo(type);
		}
		for (String subject : new String[] { "bus", "bus.", "other.chat", "busy.chat", "bus.a..b", "bus.~6", "bus.~zz",
				"bus.*", "bus.a.>" }) {
			assertThat(this.subjects.type(subject)).as(subject).isNull();
		}
	}

	@Test
	void prefixMustBeAPlainSubject() {
		assertThat(new Subjects("a.b-c").prefix()).isEqualTo("a.b-c");
		for (String prefix : new String[] { "", "a.", "a.*", "a.>", "a b", ".a" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> new Subjects(prefix))
				.withMessageStartingWith("subjectPrefix");
		}
	}
}
