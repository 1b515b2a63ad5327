package io.aiodistbus.spring.observation;

import io.micrometer.observation.transport.ReceiverContext;

import io.aiodistbus.event.Event;

/**
 * The context of a handler call's observation: the event, whose headers tracing reads its parent
 * context from, and the handler.
 */
public class HandleObservationContext extends ReceiverContext<Event> {

	private final Event event;

	private final String handler;

	/**
	 * @param event the event being handled
	 * @param handler the handler as logs name it, such as {@code chatService.onMessage(ChatMessage)}
	 */
	public HandleObservationContext(Event event, String handler) {
		super((carrier, key) -> (carrier != null) ? carrier.headers().get(key) : null);
		setCarrier(event);
		setRemoteServiceName("aiodistbus");
		this.event = event;
		this.handler = handler;
	}

	/** @return the event being handled */
	public Event getEvent() {
		return this.event;
	}

	/** @return the handler */
	public String getHandler() {
		return this.handler;
	}
}
