package io.aiodistbus.internal.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses among the subscribers of a consumer group, round robin per group in the order the
 * {@link HandlerTable} resolves them (stable between writes). Handlers without a group are never
 * chosen among: they get every event. A table with no grouped subscriber costs one scan of the
 * (short) resolved array and allocates nothing.
 */
public final class GroupPicker {

	private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();

	/**
	 * @param resolved the subscribers of an event's type
	 * @return every subscriber without a group, and one of each group
	 */
	public Subscriber[] perGroup(Subscriber[] resolved) {
		if (!anyGrouped(resolved)) {
			return resolved;
		}
		List<Subscriber> chosen = new ArrayList<>(resolved.length);
		List<String> groups = new ArrayList<>(2);
		for (Subscriber subscriber : resolved) {
			String group = subscriber.group();
			if (group == null) {
				chosen.add(subscriber);
			}
			else if (!groups.contains(group)) {
				groups.add(group);
				chosen.add(oneOf(resolved, group));
			}
		}
		return chosen.toArray(new Subscriber[0]);
	}

	/**
	 * @param resolved the subscribers of an event's type
	 * @return those without a group (the array itself when none has one)
	 */
	public static Subscriber[] ungrouped(Subscriber[] resolved) {
		if (!anyGrouped(resolved)) {
			return resolved;
		}
		List<Subscriber> kept = new ArrayList<>(resolved.length);
		for (Subscriber subscriber : resolved) {
			if (subscriber.group() == null) {
				kept.add(subscriber);
			}
		}
		return kept.toArray(new Subscriber[0]);
	}

	/**
	 * @param resolved the subscribers of an event's type
	 * @param group a group
	 * @return the next of that group's subscribers in turn, {@code null} when none is among them
	 */
	public Subscriber oneOf(Subscriber[] resolved, String group) {
		int members = 0;
		for (Subscriber subscriber : resolved) {
			if (group.equals(subscriber.group())) {
				members++;
			}
		}
		if (members == 0) {
			return null;
		}
		int turn = Math.floorMod(this.turns.computeIfAbsent(group, (name) -> new AtomicInteger()).getAndIncrement(),
				members);
		for (Subscriber subscriber : resolved) {
			if (group.equals(subscriber.group()) && turn-- == 0) {
				return subscriber;
			}
		}
		throw new IllegalStateException("unreachable");
	}

	/**
	 * @param resolved the subscribers of an event's type
	 * @param group a group, {@code null} for handlers without one
	 * @return whether one of them is in that group
	 */
	public static boolean hasMember(Subscriber[] resolved, String group) {
		for (Subscriber subscriber : resolved) {
			if (Objects.equals(group, subscriber.group())) {
				return true;
			}
		}
		return false;
	}

	private static boolean anyGrouped(Subscriber[] resolved) {
		for (Subscriber subscriber : resolved) {
			if (subscriber.group() != null) {
				return true;
			}
		}
		return false;
	}
}
