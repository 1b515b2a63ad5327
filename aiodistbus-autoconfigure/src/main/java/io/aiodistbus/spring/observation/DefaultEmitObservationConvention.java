package io.aiodistbus.spring.observation;

import io.micrometer.common.KeyValues;

/**
 * The default names and tags of an emit's observation: named {@code aiodistbus.emit}, shown as
 * {@code <type> send}, tagged with the messaging system and the event type (OpenTelemetry's
 * messaging names).
 */
public class DefaultEmitObservationConvention implements EmitObservationConvention {

	/** The shared instance. */
	public static final DefaultEmitObservationConvention INSTANCE = new DefaultEmitObservationConvention();

	@Override
	public String getName() {
		return "aiodistbus.emit";
	}

	@Override
	public String getContextualName(EmitObservationContext context) {
		return context.getType() + " send";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(EmitObservationContext context) {
		return KeyValues.of(BusObservationDocumentation.Keys.SYSTEM.withValue("aiodistbus"),
				BusObservationDocumentation.Keys.DESTINATION.withValue(context.getType()));
	}
}
