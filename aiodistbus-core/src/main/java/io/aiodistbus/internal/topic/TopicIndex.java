package io.aiodistbus.internal.topic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.aiodistbus.event.ReservedTopics;

/**
 * Maps subscription patterns to values (typically subscribers) and finds every value whose pattern
 * matches an event type, with the same answers as {@link TopicPattern#matches(String)}.
 * <p>
 * Dispatching an event must not cost more as subscriptions pile up, so patterns are kept in a trie keyed
 * by segment rather than in a list: a lookup follows at most the literal child and the {@code *} child of
 * each node it reaches, which costs O(segments of the type &times; branching) whatever the number of
 * patterns under other prefixes.
 * <p>
 * <strong>Thread-safety:</strong> lookups take no lock and may run concurrently with each other and with
 * writes; they never throw {@link java.util.ConcurrentModificationException} and see each concurrent write
 * either entirely or not at all (per pattern). Writes ({@code add}, {@code remove}, {@code removeIf}) are
 * serialized by this index itself, so callers need no lock of their own.
 * @param <T> the type of the values
 */
public final class TopicIndex<T> {

	private final Node root = new Node();

	private volatile int size;

	/**
	 * Registers a value under a pattern. The same value may be registered several times, under the same or
	 * different patterns; it is then found once per registration.
	 * @param pattern the pattern
	 * @param value the value, not {@code null}
	 */
	public synchronized void add(TopicPattern pattern, T value) {
		Objects.requireNonNull(value, "value must not be null");
		List<String> segments = pattern.segments();
		int depth = slotDepth(pattern);
		Node node = this.root;
		for (int i = 0; i < depth; i++) {
			node = node.childOrCreate(segments.get(i));
		}
		node.append(isTail(pattern), value);
		this.size++;
	}

	/**
	 * Removes one registration of a value (compared by {@code equals}) under exactly this pattern, pruning
	 * the nodes it leaves empty so that unsubscribing does not leak memory.
	 * @param pattern the pattern the value was added under
	 * @param value the value
	 * @return {@code true} if a registration was removed
	 */
	public synchronized boolean remove(TopicPattern pattern, T value) {
		List<String> segments = pattern.segments();
		int depth = slotDepth(pattern);
		Node[] path = new Node[depth + 1];
		path[0] = this.root;
		for (int i = 0; i < depth; i++) {
			path[i + 1] = path[i].patternChild(segments.get(i));
			if (path[i + 1] == null) {
				return false;
			}
		}
		if (!path[depth].removeOne(isTail(pattern), value)) {
			return false;
		}
		this.size--;
		for (int i = depth; i > 0 && path[i].isEmpty(); i--) {
			path[i - 1].detach(segments.get(i - 1));
		}
		return true;
	}

	/**
	 * Removes every registration whose value satisfies the filter, whatever its pattern; this is how a
	 * subscriber registered under many patterns leaves at once.
	 * @param filter selects the values to remove
	 * @return {@code true} if anything was removed
	 */
	public synchronized boolean removeIf(Predicate<? super T> filter) {
		int removed = removeIf(this.root, filter);
		this.size -= removed;
		return removed > 0;
	}

	private int removeIf(Node node, Predicate<? super T> filter) {
		int removed = node.removeIf(false, filter) + node.removeIf(true, filter);
		Iterator<Map.Entry<String, Node>> children = node.children.entrySet().iterator();
		while (children.hasNext()) {
			Node child = children.next().getValue();
			removed += removeIf(child, filter);
			if (child.isEmpty()) {
				children.remove();
			}
		}
		Node star = node.star;
		if (star != null) {
			removed += removeIf(star, filter);
			if (star.isEmpty()) {
				node.star = null;
			}
		}
		return removed;
	}

	/** @return {@code true} if no value is registered */
	public boolean isEmpty() {
		return this.size == 0;
	}

	/** @return the number of registrations, counting a value once per {@link #add} */
	public int size() {
		return this.size;
	}

	/**
	 * Passes every value whose pattern matches the type to the sink, once per registration, without
	 * building a list. Values of one pattern come in registration order. Patterns are visited depth first,
	 * segment by segment: at each level, patterns ending there in {@code *} come first, then those continuing
	 * with the type's literal segment, then those continuing with {@code *}. The order is therefore
	 * deterministic for a given set of patterns, but callers should not depend on it across patterns.
	 * @param type an event type
	 * @param sink receives the matching values
	 */
	public void collect(String type, Consumer<? super T> sink) {
		Objects.requireNonNull(type, "type must not be null");
		String[] segments = TopicPattern.split(type);
		if (ReservedTopics.isReserved(type)) {
			collectExact(segments, sink);
		}
		else {
			collect(this.root, segments, 0, sink);
		}
	}

	/**
	 * Returns the matching values as a list, for callers that need them all before acting.
	 * @param type an event type
	 * @return the values {@link #collect(String, Consumer)} would pass, in the same order
	 */
	public List<T> match(String type) {
		List<T> matches = new ArrayList<>();
		collect(type, matches::add);
		return matches;
	}

	/** Reserved types are only matched by exact patterns, which live on the purely literal path. */
	private void collectExact(String[] segments, Consumer<? super T> sink) {
		Node node = this.root;
		for (int i = 0; i < segments.length && node != null; i++) {
			node = node.literalChild(segments[i]);
		}
		if (node != null) {
			node.emit(false, sink);
		}
	}

	private void collect(Node node, String[] segments, int index, Consumer<? super T> sink) {
		if (index == segments.length) {
			node.emit(false, sink);
			return;
		}
		node.emit(true, sink);
		Node literal = node.literalChild(segments[index]);
		if (literal != null) {
			collect(literal, segments, index + 1, sink);
		}
		Node star = node.star;
		if (star != null) {
			collect(star, segments, index + 1, sink);
		}
	}

	/** @return the number of trie nodes below the root, to check that removal prunes */
	int nodeCount() {
		return nodeCount(this.root) - 1;
	}

	private static int nodeCount(Node node) {
		int count = 1;
		for (Node child : node.children.values()) {
			count += nodeCount(child);
		}
		Node star = node.star;
		return (star != null) ? count + nodeCount(star) : count;
	}

	/** A trailing {@code *} is stored as the "one or more below" slot of its parent node. */
	private static boolean isTail(TopicPattern pattern) {
		List<String> segments = pattern.segments();
		return segments.get(segments.size() - 1).equals(TopicPattern.WILDCARD);
	}

	private static int slotDepth(TopicPattern pattern) {
		int length = pattern.segments().size();
		return isTail(pattern) ? length - 1 : length;
	}

	/**
	 * One trie node. Value arrays are replaced, never modified, so readers iterate a stable snapshot; the
	 * {@code *} child is kept apart from the literal children because an event type may itself contain a
	 * {@code *} segment, which must not select it twice.
	 */
	private static final class Node {

		private static final Object[] NONE = {};

		final Map<String, Node> children = new ConcurrentHashMap<>();

		volatile Node star;

		/** Values of patterns that end at this node. */
		private volatile Object[] end = NONE;

		/** Values of patterns whose trailing {@code *} follows this node: one or more segments below. */
		private volatile Object[] tail = NONE;

		/** Follows a segment of an event type, which never selects the {@code *} child. */
		Node literalChild(String segment) {
			return this.children.get(segment);
		}

		/** Follows a segment of a pattern, where {@code *} denotes the {@code *} child. */
		Node patternChild(String segment) {
			return segment.equals(TopicPattern.WILDCARD) ? this.star : this.children.get(segment);
		}

		Node childOrCreate(String segment) {
			if (segment.equals(TopicPattern.WILDCARD)) {
				Node existing = this.star;
				if (existing == null) {
					existing = new Node();
					this.star = existing;
				}
				return existing;
			}
			return this.children.computeIfAbsent(segment, (key) -> new Node());
		}

		void detach(String segment) {
			if (segment.equals(TopicPattern.WILDCARD)) {
				this.star = null;
			}
			else {
				this.children.remove(segment);
			}
		}

		boolean isEmpty() {
			return this.end.length == 0 && this.tail.length == 0 && this.star == null && this.children.isEmpty();
		}

		void append(boolean isTail, Object value) {
			Object[] values = values(isTail);
			Object[] grown = Arrays.copyOf(values, values.length + 1);
			grown[values.length] = value;
			setValues(isTail, grown);
		}

		boolean removeOne(boolean isTail, Object value) {
			Object[] values = values(isTail);
			for (int i = 0; i < values.length; i++) {
				if (values[i].equals(value)) {
					Object[] shrunk = new Object[values.length - 1];
					System.arraycopy(values, 0, shrunk, 0, i);
					System.arraycopy(values, i + 1, shrunk, i, shrunk.length - i);
					setValues(isTail, shrunk);
					return true;
				}
			}
			return false;
		}

		@SuppressWarnings("unchecked")
		<T> int removeIf(boolean isTail, Predicate<? super T> filter) {
			Object[] values = values(isTail);
			Object[] kept = Arrays.stream(values).filter((value) -> !filter.test((T) value)).toArray();
			if (kept.length != values.length) {
				setValues(isTail, (kept.length != 0) ? kept : NONE);
			}
			return values.length - kept.length;
		}

		@SuppressWarnings("unchecked")
		<T> void emit(boolean isTail, Consumer<? super T> sink) {
			for (Object value : values(isTail)) {
				sink.accept((T) value);
			}
		}

		private Object[] values(boolean isTail) {
			return isTail ? this.tail : this.end;
		}

		private void setValues(boolean isTail, Object[] values) {
			if (isTail) {
				this.tail = values;
			}
			else {
				this.end = values;
			}
		}
	}
}
