package io.aiodistbus.autoconfigure;

import io.aiodistbus.distributed.ClientOptions;

/**
 * Adjusts the options of the application's client ('client' mode, and the in-app client of 'broker'
 * mode) beyond what properties set, such as CurveZMQ security ({@link ClientOptions#withSecurity}) or
 * the inbound queue. Every bean of this type is applied, in order, to the options built from the
 * {@code aiodistbus.client.*} properties.
 */
@FunctionalInterface
public interface ClientOptionsCustomizer {

	/**
	 * @param options the options so far
	 * @return the options to use, typically a {@code with...} copy of {@code options}
	 */
	ClientOptions customize(ClientOptions options);
}
