/**
 * Event type patterns and the index that resolves a type to its subscribers. Internal: users check
 * and match patterns through {@link io.aiodistbus.TypePatterns}.
 */
package io.aiodistbus.internal.topic;
