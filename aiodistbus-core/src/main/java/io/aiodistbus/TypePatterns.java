package io.aiodistbus;

import java.util.function.Predicate;

import io.aiodistbus.internal.topic.TopicPattern;

/**
 * The event type patterns that {@link EntryPoint#on(String, java.util.function.Consumer) on} accepts,
 * for code that checks or matches them itself, such as a framework validating an annotation early or
 * a test filtering recorded events. The syntax is described on {@link EntryPoint}.
 */
public final class TypePatterns {

	private TypePatterns() {
	}

	/**
	 * @param pattern an event type or wildcard pattern
	 * @return the pattern
	 * @throws IllegalArgumentException saying what is wrong if the pattern is malformed
	 */
	public static String validate(String pattern) {
		TopicPattern.parse(pattern);
		return pattern;
	}

	/**
	 * @param pattern an event type or wildcard pattern
	 * @return whether a type is delivered to a handler registered for the pattern (reserved types
	 * match only themselves)
	 * @throws IllegalArgumentException if the pattern is malformed
	 */
	public static Predicate<String> matcher(String pattern) {
		return TopicPattern.parse(pattern)::matches;
	}
}
