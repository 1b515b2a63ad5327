package io.aiodistbus.autoconfigure.observation;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.aiodistbus.BusInstrumentation;
import io.aiodistbus.autoconfigure.AiodistbusAutoConfiguration;
import io.aiodistbus.spring.observation.EmitObservationConvention;
import io.aiodistbus.spring.observation.HandleObservationConvention;
import io.aiodistbus.spring.observation.ObservationInstrumentation;

/**
 * Auto-configuration of Micrometer observations around the application's emits and handler calls,
 * when {@code aiodistbus.observation-enabled} is true and the application has an
 * {@link ObservationRegistry} (Spring Boot's, with Actuator). With Micrometer Tracing the trace context
 * travels in the event headers; {@link EmitObservationConvention} and
 * {@link HandleObservationConvention} beans change the observations' names and tags.
 */
@AutoConfiguration(before = AiodistbusAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBooleanProperty("aiodistbus.observation-enabled")
@ConditionalOnBean(ObservationRegistry.class)
public final class AiodistbusObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(BusInstrumentation.class)
	ObservationInstrumentation aiodistbusObservationInstrumentation(ObservationRegistry registry,
			ObjectProvider<EmitObservationConvention> emitConvention,
			ObjectProvider<HandleObservationConvention> handleConvention) {
		return new ObservationInstrumentation(registry, emitConvention.getIfUnique(), handleConvention.getIfUnique());
	}

}
