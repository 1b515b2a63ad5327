/**
 * Auto-configuration of the bus's Micrometer meters.
 */
package io.aiodistbus.autoconfigure.metrics;
