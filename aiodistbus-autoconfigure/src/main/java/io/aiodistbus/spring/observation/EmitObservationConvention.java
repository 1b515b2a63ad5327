package io.aiodistbus.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of an emit; implement it to change them, and hand it to
 * {@link ObservationInstrumentation} (a bean of it, with the auto-configuration).
 */
public interface EmitObservationConvention extends ObservationConvention<EmitObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof EmitObservationContext;
	}
}
