package io.aiodistbus;

import io.aiodistbus.event.BusEvent;

/**
 * Reads the event type a payload class names with {@link BusEvent}, once per class.
 */
final class BusEventTypes {

	private static final ClassValue<String> TYPES = new ClassValue<>() {
		@Override
		protected String computeValue(Class<?> type) {
			BusEvent annotation = type.getAnnotation(BusEvent.class);
			return (annotation != null) ? annotation.value() : "";
		}
	};

	private BusEventTypes() {
	}

	static String typeOf(Object payload) {
		if (payload == null) {
			throw new IllegalArgumentException("Cannot infer the event type of a null payload; use emit(type, data)");
		}
		String type = TYPES.get(payload.getClass());
		if (type.isEmpty()) {
			throw new IllegalArgumentException("Cannot infer the event type of a " + payload.getClass().getName()
					+ ": annotate the class with @BusEvent(\"some.type\") or use emit(type, data)");
		}
		return type;
	}
}
