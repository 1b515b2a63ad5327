/**
 * Micrometer Observation of the bus: an observation around each emit and each handler call, whose
 * trace context travels in the event headers (W3C {@code traceparent} with Spring Boot's default
 * propagation), so that a trace spans services through the broker. Its auto-configuration is in
 * {@code io.aiodistbus.autoconfigure.observation}.
 */
package io.aiodistbus.spring.observation;
