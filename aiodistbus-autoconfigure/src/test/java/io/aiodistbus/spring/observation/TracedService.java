package io.aiodistbus.spring.observation;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleTracer;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.aiodistbus.autoconfigure.AiodistbusAutoConfiguration;
import io.aiodistbus.autoconfigure.AiodistbusNatsAutoConfiguration;
import io.aiodistbus.autoconfigure.observation.AiodistbusObservationAutoConfiguration;

/**
 * What makes a service of {@link TraceAcrossJvmsTests} a traced application on the bus: the bus's
 * auto-configuration in every distributed mode, and a test tracer with W3C propagation behind the
 * observation registry, as Spring Boot sets up with Actuator and a tracing bridge. The mode and its
 * server come from the properties alone, {@code aiodistbus.observation-enabled} among them.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ AiodistbusAutoConfiguration.class, AiodistbusNatsAutoConfiguration.class,
		AiodistbusObservationAutoConfiguration.class })
class TracedService {

	@Bean
	SimpleTracer tracer() {
		return new SimpleTracer();
	}

	@Bean
	ObservationRegistry observationRegistry(SimpleTracer tracer) {
		ObservationRegistry registry = ObservationRegistry.create();
		W3cTraceContextPropagator propagator = new W3cTraceContextPropagator(tracer);
		registry.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
					new DefaultTracingObservationHandler(tracer)));
		return registry;
	}

}
