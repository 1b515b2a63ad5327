/**
 * Bridges between a local {@link io.aiodistbus.local.EventBus} and a broker (Python's
 * {@code forward}, {@code listen}, {@code link}). This package depends on both buses so that neither
 * depends on the other.
 */
package io.aiodistbus.bridge;
