/**
 * Auto-configuration of the bus's Micrometer observations, with {@code aiodistbus.observation-enabled}.
 */
package io.aiodistbus.autoconfigure.observation;
