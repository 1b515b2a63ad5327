package io.aiodistbus.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * Counts the events the broker relays by type, with each type's recent rate. The number of types
 * is bounded, so that a client inventing types cannot grow it without end: past
 * {@value #MAX_TYPES} the rest are counted together as {@value #OTHER}.
 */
final class TypeTraffic {

	static final int MAX_TYPES = 1000;

	static final String OTHER = "(other)";

	private final Map<String, Type> types = new ConcurrentHashMap<>();

	private final BiConsumer<String, LongAdder> onNewType;

	/**
	 * @param onNewType told of each type when it is first seen, with its counter (for a meter)
	 */
	TypeTraffic(BiConsumer<String, LongAdder> onNewType) {
		this.onNewType = onNewType;
	}

	/** Counts one event; called on the broker's forwarding thread. */
	void count(String type) {
		Type counted = this.types.get(type);
		if (counted == null) {
			counted = this.types.computeIfAbsent((this.types.size() < MAX_TYPES) ? type : OTHER, this::newType);
		}
		counted.count.increment();
	}

	private Type newType(String name) {
		Type type = new Type(name);
		this.onNewType.accept(name, type.count);
		return type;
	}

	/** Takes a rate sample of every type; called about once a second. */
	void sample(long nanoTime) {
		this.types.values().forEach((type) -> type.rate.sample(nanoTime, type.count.sum()));
	}

	/** @return every type seen, busiest (by recent rate, then count) first */
	List<TypeSnapshot> snapshot() {
		List<TypeSnapshot> snapshot = new ArrayList<>();
		this.types.values()
			.forEach((type) -> snapshot.add(new TypeSnapshot(type.name, type.count.sum(), type.rate.perSecond())));
		snapshot.sort(Comparator.comparingDouble(TypeSnapshot::perSecond)
			.reversed()
			.thenComparing(Comparator.comparingLong(TypeSnapshot::count).reversed())
			.thenComparing(TypeSnapshot::type));
		return snapshot;
	}

	/**
	 * @param type an event type, or {@value TypeTraffic#OTHER}
	 * @param count events of it relayed since start
	 * @param perSecond its rate over the last ten seconds or so
	 */
	record TypeSnapshot(String type, long count, double perSecond) {
	}

	private static final class Type {

		private final String name;

		private final LongAdder count = new LongAdder();

		private final RateWindow rate = new RateWindow();

		private Type(String name) {
			this.name = name;
			// from zero, so that the first events of a type show in its rate
			this.rate.sample(System.nanoTime(), 0);
		}

	}

}
