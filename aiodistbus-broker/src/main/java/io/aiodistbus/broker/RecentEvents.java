package io.aiodistbus.broker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.aiodistbus.TypePatterns;
import io.aiodistbus.event.Event;

/**
 * The last events the broker relayed, as JSON lines, and a feed of new ones for the live page's
 * tail. Listeners are called on the broker's forwarding thread and must only hand the line on.
 */
final class RecentEvents {

	private final int capacity;

	private final ArrayDeque<Recent> recent = new ArrayDeque<>();

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	RecentEvents(int capacity) {
		this.capacity = capacity;
	}

	/** Keeps an event and tells the listeners whose pattern it matches. */
	void add(Event event) {
		String json = EventJson.toJson(event);
		synchronized (this.recent) {
			if (this.recent.size() == this.capacity) {
				this.recent.removeFirst();
			}
			this.recent.addLast(new Recent(event.type(), json));
		}
		for (Listener listener : this.listeners) {
			if (listener.pattern.test(event.type())) {
				listener.consumer.accept(json);
			}
		}
	}

	/**
	 * @param pattern an event type or pattern
	 * @return the kept events that match it, oldest first, as JSON
	 * @throws IllegalArgumentException if the pattern is malformed
	 */
	List<String> matching(String pattern) {
		Predicate<String> matcher = TypePatterns.matcher(pattern);
		List<String> matching = new ArrayList<>();
		synchronized (this.recent) {
			this.recent.stream().filter((event) -> matcher.test(event.type)).forEach((event) -> matching.add(event.json));
		}
		return matching;
	}

	/**
	 * Tells a consumer of every new event of a pattern until the returned handle is closed.
	 * @param pattern an event type or pattern
	 * @param consumer takes each event's JSON; must not block
	 * @return closes the feed
	 * @throws IllegalArgumentException if the pattern is malformed
	 */
	AutoCloseable follow(String pattern, Consumer<String> consumer) {
		Listener listener = new Listener(TypePatterns.matcher(pattern), consumer);
		this.listeners.add(listener);
		return () -> this.listeners.remove(listener);
	}

	private record Recent(String type, String json) {
	}

	private record Listener(Predicate<String> pattern, Consumer<String> consumer) {
	}

}
