package io.aiodistbus.nats;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

import io.aiodistbus.internal.topic.TopicPattern;

/**
 * Maps event types and patterns to NATS subjects under a prefix, segment for segment, so that NATS's
 * token wildcards select what our patterns select.
 * <p>
 * Our types allow any character but {@code .} in a segment, and empty segments; NATS subjects allow no
 * whitespace, no empty token, and read a token {@code *} or {@code >} as a wildcard. A segment that NATS
 * would not take literally is therefore written as {@code ~} followed by the hex of its UTF-8 bytes (so
 * {@code ~} itself, which starts such a token, is escaped too). Escaping keeps one token per segment,
 * which is all the wildcard mapping needs: a trailing {@code *} is {@code >} (one or more tokens), any
 * other {@code *} is {@code *} (exactly one token), as in {@link TopicPattern}.
 * <p>
 * NATS then selects exactly the types the pattern matches, but for reserved types, which only exact
 * patterns match: {@code >} selects them too, so receivers still resolve each type against their
 * handlers (as they do on the ZeroMQ broker, whose prefix filter selects more than the pattern).
 */
final class Subjects {

	private static final char ESCAPE = '~';

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	/** A service emits and receives a few types over and over: each is written once. */
	private static final int CACHE_LIMIT = 10_000;

	private final String prefix;

	private final Map<String, String> cache = new ConcurrentHashMap<>();

	/**
	 * @param prefix the subject prefix, such as {@code aiodistbus}: tokens without wildcards or whitespace
	 * @throws IllegalArgumentException if the prefix is not a plain NATS subject
	 */
	Subjects(String prefix) {
		this.prefix = checkPrefix(prefix);
	}

	static String checkPrefix(String prefix) {
		if (prefix == null || prefix.isEmpty()) {
			throw new IllegalArgumentException("subjectPrefix must not be empty");
		}
		for (String token : prefix.split("\\.", -1)) {
			if (token.isEmpty() || !isLiteral(token)) {
				throw new IllegalArgumentException("subjectPrefix must be dot-separated tokens without whitespace or "
						+ "wildcards, was '" + prefix + "'");
			}
		}
		return prefix;
	}

	/** @return the prefix */
	String prefix() {
		return this.prefix;
	}

	/**
	 * @param type an event type
	 * @return the subject its events are published on
	 */
	String subject(String type) {
		String cached = this.cache.get(type);
		if (cached != null) {
			return cached;
		}
		String subject = write(type);
		if (this.cache.size() >= CACHE_LIMIT) {
			this.cache.clear();
		}
		this.cache.put(type, subject);
		return subject;
	}

	private String write(String type) {
		StringBuilder subject = new StringBuilder(this.prefix.length() + type.length() + 1).append(this.prefix);
		int start = 0;
		while (true) {
			int dot = type.indexOf('.', start);
			String segment = type.substring(start, (dot < 0) ? type.length() : dot);
			subject.append('.');
			appendToken(subject, segment);
			if (dot < 0) {
				return subject.toString();
			}
			start = dot + 1;
		}
	}

	/**
	 * The inverse of {@link #subject(String)}.
	 * @param subject a subject
	 * @return the event type published on it, {@code null} when it is not under the prefix or not one
	 * that {@link #subject(String)} writes
	 */
	String type(String subject) {
		if (!subject.startsWith(this.prefix) || subject.length() <= this.prefix.length() + 1
				|| subject.charAt(this.prefix.length()) != '.') {
			return null;
		}
		StringJoiner type = new StringJoiner(".");
		for (String token : subject.substring(this.prefix.length() + 1).split("\\.", -1)) {
			String segment = segment(token);
			if (segment == null) {
				return null;
			}
			type.add(segment);
		}
		return type.toString();
	}

	/** @return the segment a token stands for, {@code null} for a token {@link #appendToken} never writes */
	private static String segment(String token) {
		if (token.isEmpty() || token.charAt(0) != ESCAPE) {
			return (!token.isEmpty() && isLiteral(token)) ? token : null;
		}
		if (token.length() % 2 != 1) {
			return null;
		}
		byte[] bytes = new byte[(token.length() - 1) / 2];
		for (int i = 0; i < bytes.length; i++) {
			int high = Character.digit(token.charAt(1 + 2 * i), 16);
			int low = Character.digit(token.charAt(2 + 2 * i), 16);
			if (high < 0 || low < 0) {
				return null;
			}
			bytes[i] = (byte) ((high << 4) | low);
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/**
	 * @param pattern a parsed pattern
	 * @return the subject to subscribe to: the type's own for an exact pattern; for a wildcard a
	 * {@code *} token per inner {@code *} segment and {@code >} for a trailing one
	 */
	String subscription(TopicPattern pattern) {
		if (!pattern.isWildcard()) {
			return subject(pattern.text());
		}
		StringBuilder subject = new StringBuilder(this.prefix);
		int last = pattern.segments().size() - 1;
		for (int i = 0; i <= last; i++) {
			String segment = pattern.segments().get(i);
			subject.append('.');
			if (segment.equals("*")) {
				subject.append((i == last) ? '>' : '*');
			}
			else {
				appendToken(subject, segment);
			}
		}
		return subject.toString();
	}

	private static void appendToken(StringBuilder subject, String segment) {
		if (!segment.isEmpty() && segment.charAt(0) != ESCAPE && isLiteral(segment)) {
			subject.append(segment);
			return;
		}
		subject.append(ESCAPE);
		for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
			subject.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
		}
	}

	/**
	 * Printable ASCII without {@code *} and {@code >}: NATS forbids whitespace, reads those two as
	 * wildcards (as whole tokens; no need to trust every tool with them inside one), and servers and
	 * tools differ on other control and non-ASCII characters, so such segments are escaped rather than
	 * trusted to every hop.
	 */
	private static boolean isLiteral(String token) {
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c <= 0x20 || c >= 0x7f || c == '.' || c == '*' || c == '>') {
				return false;
			}
		}
		return true;
	}
}
