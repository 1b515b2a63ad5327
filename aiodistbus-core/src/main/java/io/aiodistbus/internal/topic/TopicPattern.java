package io.aiodistbus.internal.topic;

import java.util.List;
import java.util.Objects;

import io.aiodistbus.event.ReservedTopics;

/**
 * A subscription pattern, validated once so that matching never has to cope with malformed input.
 * <p>
 * A pattern is a dot-separated list of segments. A segment that is exactly {@code *} makes the pattern a
 * wildcard: as the last segment it stands for one or more trailing segments, anywhere else for exactly one
 * segment. A pattern without {@code *} is exact and matches only the identical type. Reserved types
 * ({@link ReservedTopics}) are only ever matched by an exact pattern, so that the bus's own traffic never
 * reaches catch-all subscribers.
 * <p>
 * Any character other than {@code .} and {@code *} is allowed in a segment, whitespace included, because
 * event types themselves are not restricted and every type must remain subscribable exactly.
 */
public final class TopicPattern {

	static final String WILDCARD = "*";

	private final String text;

	private final List<String> segments;

	private final boolean wildcard;

	private TopicPattern(String text, List<String> segments, boolean wildcard) {
		this.text = text;
		this.segments = segments;
		this.wildcard = wildcard;
	}

	/**
	 * Parses and validates a pattern, so that mistakes surface when subscribing rather than as a subscription
	 * that silently never receives anything.
	 * @param pattern the pattern text, such as {@code chat.*} or {@code chat.message}
	 * @return the parsed pattern
	 * @throws IllegalArgumentException if the pattern is {@code null} or empty, has an empty segment, or has
	 * a {@code *} that is not a whole segment
	 */
	public static TopicPattern parse(String pattern) {
		if (pattern == null || pattern.isEmpty()) {
			throw new IllegalArgumentException("Topic pattern must not be null or empty");
		}
		String[] segments = split(pattern);
		boolean wildcard = false;
		for (int i = 0; i < segments.length; i++) {
			String segment = segments[i];
			if (segment.isEmpty()) {
				throw invalid(pattern, "segment " + (i + 1) + " is empty");
			}
			if (segment.equals(WILDCARD)) {
				wildcard = true;
			}
			else if (segment.indexOf('*') >= 0) {
				throw invalid(pattern, "segment " + (i + 1) + " ('" + segment
						+ "') mixes '*' with other characters; '*' must be a whole segment");
			}
		}
		return new TopicPattern(pattern, List.of(segments), wildcard);
	}

	private static IllegalArgumentException invalid(String pattern, String problem) {
		return new IllegalArgumentException("Invalid topic pattern '" + pattern + "': " + problem);
	}

	/**
	 * Splits a pattern or an event type on {@code .}, keeping empty segments so that types such as
	 * {@code a.} are compared segment by segment like any other.
	 */
	static String[] split(String text) {
		return text.split("\\.", -1);
	}

	/** @return {@code true} if any segment is {@code *}, {@code false} for an exact pattern */
	public boolean isWildcard() {
		return this.wildcard;
	}

	/** @return the pattern as it was parsed */
	public String text() {
		return this.text;
	}

	/** @return the dot-separated segments, unmodifiable */
	public List<String> segments() {
		return this.segments;
	}

	/**
	 * Whether an event of the given type is delivered to subscribers of this pattern. This is the reference
	 * semantics; {@link TopicIndex} gives the same answers without testing patterns one by one.
	 * @param type an event type
	 * @return {@code true} if the pattern matches the type
	 */
	public boolean matches(String type) {
		Objects.requireNonNull(type, "type must not be null");
		if (!this.wildcard) {
			return this.text.equals(type);
		}
		if (ReservedTopics.isReserved(type)) {
			return false;
		}
		String[] typeSegments = split(type);
		int last = this.segments.size() - 1;
		for (int i = 0; i <= last; i++) {
			if (i >= typeSegments.length) {
				return false;
			}
			String segment = this.segments.get(i);
			if (segment.equals(WILDCARD)) {
				if (i == last) {
					return true;
				}
			}
			else if (!segment.equals(typeSegments[i])) {
				return false;
			}
		}
		return typeSegments.length == this.segments.size();
	}

	/**
	 * The prefix a ZeroMQ SUB socket subscribes to so that it receives at least every matching type. ZeroMQ
	 * filters by plain prefix, so receivers must still call {@link #matches(String)}: {@code chat} also
	 * prefixes {@code chatter}. For a wildcard this is the text before the first {@code *} segment (a
	 * {@code *} in the middle must not be dropped, or {@code *.b} would subscribe to {@code .b}).
	 * @return the type itself for an exact pattern; for a wildcard the text before its first {@code *}
	 * segment, such as {@code a.} for {@code a.*.c} and the empty string for {@code *}
	 */
	public String subscriptionPrefix() {
		if (!this.wildcard) {
			return this.text;
		}
		StringBuilder prefix = new StringBuilder();
		for (String segment : this.segments) {
			if (segment.equals(WILDCARD)) {
				break;
			}
			prefix.append(segment).append('.');
		}
		return prefix.toString();
	}

	@Override
	public boolean equals(Object obj) {
		return (this == obj) || (obj instanceof TopicPattern other && this.text.equals(other.text));
	}

	@Override
	public int hashCode() {
		return this.text.hashCode();
	}

	@Override
	public String toString() {
		return this.text;
	}
}
