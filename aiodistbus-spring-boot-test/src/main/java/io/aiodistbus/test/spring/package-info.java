/**
 * The Spring side of {@link io.aiodistbus.test.EmbeddedBus @EmbeddedBus}: a context customizer that
 * starts the broker with the test's application context and hands it to the application as its
 * {@link io.aiodistbus.autoconfigure.AiodistbusConnectionDetails} (a NATS server as its
 * {@link io.aiodistbus.autoconfigure.NatsConnectionDetails}). Nothing here is called directly:
 * Spring's TestContext framework finds it in {@code META-INF/spring.factories}.
 */
package io.aiodistbus.test.spring;
