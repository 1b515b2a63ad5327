package io.aiodistbus.autoconfigure;

import io.aiodistbus.distributed.ClientOptions;

/**
 * Adjusts the options of the application's client ('client' mode, and the in-app client of 'broker'
 * mode) beyond what properties set, such as CurveZMQ security with keys from a key store
 * ({@link ClientOptions#withSecurity}). Every bean of this type is applied, in order, to the options
 * built from the {@code aiodistbus.client.*} and {@code aiodistbus.security.*} properties, so what it
 * sets wins over them.
 */
@FunctionalInterface
public interface ClientOptionsCustomizer {

	/**
	 * @param options the options so far
	 * @return the options to use, typically a copy of {@code options} changed through
	 * {@link ClientOptions#toBuilder()} (or a {@code with...} method for one value)
	 */
	ClientOptions customize(ClientOptions options);
}
