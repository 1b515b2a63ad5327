package io.aiodistbus.autoconfigure;

import io.aiodistbus.nats.NatsOptions;

/**
 * Adjusts the options of the application's NATS entry point ('nats' mode) beyond what properties set,
 * such as a TLS context from a key store ({@link NatsOptions.Builder#sslContext}), without defining the
 * entry point bean. Every bean of this type is applied, in order, to the options built from the
 * {@code aiodistbus.nats.*} properties and the {@link NatsConnectionDetails}, so what it sets wins over
 * them.
 */
@FunctionalInterface
public interface NatsOptionsCustomizer {

	/**
	 * @param options the options so far
	 * @return the options to use, typically a copy of {@code options} changed through
	 * {@link NatsOptions#toBuilder()}
	 */
	NatsOptions customize(NatsOptions options);
}
