/**
 * Health indicators of the bus for Spring Boot's health endpoint: an embedded broker's, a client
 * connection's, an in-process entry point's. Their auto-configuration is in
 * {@code io.aiodistbus.autoconfigure.health}.
 */
package io.aiodistbus.spring.health;
