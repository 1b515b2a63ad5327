package io.aiodistbus.spring;

import java.util.Map;

import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.Event;

/**
 * What an {@link EventHandler#orderKey() orderKey} expression is evaluated against, once per event:
 * {@code payload.customerId()} (the payload converted to the method's parameter class),
 * {@code headers['customer']}, or {@code event.type()}.
 */
public final class OrderKeyContext {

	private final Event event;

	private final Class<?> payloadType;

	private final PayloadCodec codec;

	OrderKeyContext(Event event, Class<?> payloadType, PayloadCodec codec) {
		this.event = event;
		this.payloadType = payloadType;
		this.codec = codec;
	}

	/** @return the event */
	public Event getEvent() {
		return this.event;
	}

	/** @return the payload, converted to the method's parameter class (as it will be for the call) */
	public Object getPayload() {
		if (this.payloadType == null || this.payloadType == Event.class) {
			return this.event.data();
		}
		return this.codec.convert(this.event, this.payloadType);
	}

	/** @return the event's headers */
	public Map<String, String> getHeaders() {
		return this.event.headers();
	}
}
