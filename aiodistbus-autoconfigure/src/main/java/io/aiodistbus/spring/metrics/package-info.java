/**
 * The bus's Micrometer meters: a binder for an entry point (and an embedded broker), and the
 * observer that counts emits and handlers. Their auto-configuration is in
 * {@code io.aiodistbus.autoconfigure.metrics}.
 */
package io.aiodistbus.spring.metrics;
