package io.aiodistbus.internal.dispatch;

import java.util.concurrent.CompletionStage;

import io.aiodistbus.BusInstrumentation;
import io.aiodistbus.event.Event;

/**
 * An entry point's {@link BusInstrumentation}, if it has one, which its subscribers call through. A
 * slot rather than a value, so that an instrumentation set later reaches the handlers registered
 * before.
 */
final class InstrumentationSlot {

	private volatile BusInstrumentation instrumentation;

	void set(BusInstrumentation instrumentation) {
		this.instrumentation = instrumentation;
	}

	BusInstrumentation get() {
		return this.instrumentation;
	}

	/**
	 * Calls a handler, within the instrumentation when there is one.
	 * @param event the event
	 * @param handler the handler's description
	 * @param invoker calls the handler
	 * @return what the handler returned
	 * @throws Exception what the handler threw
	 */
	CompletionStage<?> invoke(Event event, String handler, Invoker invoker) throws Exception {
		BusInstrumentation current = this.instrumentation;
		return (current != null) ? current.handle(event, handler, () -> invoker.invoke(event)) : invoker.invoke(event);
	}
}
