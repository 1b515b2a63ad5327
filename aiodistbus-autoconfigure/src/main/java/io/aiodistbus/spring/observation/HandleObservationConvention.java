package io.aiodistbus.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a handler call; implement it to change them, and hand it to
 * {@link ObservationInstrumentation} (a bean of it, with the auto-configuration).
 */
public interface HandleObservationConvention extends ObservationConvention<HandleObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof HandleObservationContext;
	}
}
