package io.aiodistbus.internal.dispatch;

import io.aiodistbus.event.Event;

/**
 * Converts an event's payload to the class a handler asked for.
 */
@FunctionalInterface
public interface PayloadConverter {

	/**
	 * @param <T> the target type
	 * @param event the event whose payload to convert
	 * @param target the class the handler takes
	 * @return the payload as {@code target}, {@code null} for an event without payload
	 * @throws io.aiodistbus.codec.PayloadCodecException if the payload cannot be converted
	 */
	<T> T convert(Event event, Class<T> target);
}
