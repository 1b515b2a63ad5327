package io.aiodistbus.spring.observation;

import io.micrometer.common.KeyValues;

/**
 * The default names and tags of a handler call's observation: named {@code aiodistbus.handle}, shown
 * as {@code <type> process}, tagged with the messaging system, the event type and the handler, and
 * (high cardinality) the event id.
 */
public class DefaultHandleObservationConvention implements HandleObservationConvention {

	/** The shared instance. */
	public static final DefaultHandleObservationConvention INSTANCE = new DefaultHandleObservationConvention();

	@Override
	public String getName() {
		return "aiodistbus.handle";
	}

	@Override
	public String getContextualName(HandleObservationContext context) {
		return context.getEvent().type() + " process";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(HandleObservationContext context) {
		return KeyValues.of(BusObservationDocumentation.Keys.SYSTEM.withValue("aiodistbus"),
				BusObservationDocumentation.Keys.DESTINATION.withValue(context.getEvent().type()),
				BusObservationDocumentation.Keys.HANDLER.withValue(context.getHandler()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(HandleObservationContext context) {
		return KeyValues.of(BusObservationDocumentation.Keys.MESSAGE_ID.withValue(context.getEvent().id()));
	}
}
