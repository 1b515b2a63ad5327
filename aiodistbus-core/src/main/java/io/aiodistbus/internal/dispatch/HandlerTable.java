package io.aiodistbus.internal.dispatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.aiodistbus.event.ReservedTopics;
import io.aiodistbus.internal.topic.TopicIndex;

/**
 * Subscribers by type: exact types in a hash map, wildcard patterns in a {@link TopicIndex}, and a
 * cache of what each type resolved to, so that an emit of a type seen before costs one lookup no
 * matter how many patterns are registered.
 *
 * <h2>Concurrency</h2>
 * Writers serialize on this table; {@link #resolve(String)} takes no lock. Every write retires the
 * current cache generation and starts an empty one. A reader that resolved against the structures
 * while a write was under way can only store its answer in a retired generation, so no stale answer
 * survives a write.
 */
public final class HandlerTable {

	private static final Subscriber[] NONE = new Subscriber[0];

	private static final int CACHE_LIMIT = 10_000;

	private final Map<String, Subscriber[]> exact = new ConcurrentHashMap<>();

	private final TopicIndex<Subscriber> wildcards = new TopicIndex<>();

	private volatile Map<String, Subscriber[]> resolved = new ConcurrentHashMap<>();

	/**
	 * @param subscriber the subscriber to add after those already registered
	 */
	public synchronized void add(Subscriber subscriber) {
		if (subscriber.pattern().isWildcard()) {
			this.wildcards.add(subscriber.pattern(), subscriber);
		}
		else {
			this.exact.merge(subscriber.pattern().text(), new Subscriber[] { subscriber }, HandlerTable::concat);
		}
		retire();
	}

	/**
	 * @param subscriber the subscriber to remove
	 * @return whether it was registered
	 */
	public synchronized boolean remove(Subscriber subscriber) {
		boolean removed;
		if (subscriber.pattern().isWildcard()) {
			removed = this.wildcards.remove(subscriber.pattern(), subscriber);
		}
		else {
			String type = subscriber.pattern().text();
			Subscriber[] current = this.exact.getOrDefault(type, NONE);
			Subscriber[] kept = Arrays.stream(current).filter((s) -> s != subscriber).toArray(Subscriber[]::new);
			removed = kept.length != current.length;
			if (kept.length == 0) {
				this.exact.remove(type);
			}
			else {
				this.exact.put(type, kept);
			}
		}
		retire();
		return removed;
	}

	/**
	 * @param filter which subscribers to remove
	 */
	public synchronized void removeIf(Predicate<Subscriber> filter) {
		for (Map.Entry<String, Subscriber[]> entry : List.copyOf(this.exact.entrySet())) {
			Subscriber[] kept = Arrays.stream(entry.getValue()).filter(filter.negate()).toArray(Subscriber[]::new);
			if (kept.length == 0) {
				this.exact.remove(entry.getKey());
			}
			else if (kept.length != entry.getValue().length) {
				this.exact.put(entry.getKey(), kept);
			}
		}
		this.wildcards.removeIf(filter);
		retire();
	}

	/**
	 * Returns the subscribers for an event type: wildcard subscribers first, then exact ones, each in
	 * registration order. Reserved types resolve to exact subscribers only.
	 * @param type the event type
	 * @return the subscribers; the caller must not modify the array
	 */
	public Subscriber[] resolve(String type) {
		Map<String, Subscriber[]> cache = this.resolved;
		Subscriber[] subscribers = cache.get(type);
		if (subscribers == null) {
			subscribers = compute(type);
			if (cache.size() >= CACHE_LIMIT) {
				cache.clear();
			}
			cache.put(type, subscribers);
		}
		return subscribers;
	}

	private Subscriber[] compute(String type) {
		Subscriber[] exactMatches = this.exact.getOrDefault(type, NONE);
		if (this.wildcards.isEmpty() || ReservedTopics.isReserved(type)) {
			return exactMatches;
		}
		List<Subscriber> matches = new ArrayList<>();
		this.wildcards.collect(type, matches::add);
		if (matches.isEmpty()) {
			return exactMatches;
		}
		matches.addAll(Arrays.asList(exactMatches));
		return matches.toArray(NONE);
	}

	private void retire() {
		this.resolved = new ConcurrentHashMap<>();
	}

	private static Subscriber[] concat(Subscriber[] first, Subscriber[] second) {
		Subscriber[] joined = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, joined, first.length, second.length);
		return joined;
	}
}
