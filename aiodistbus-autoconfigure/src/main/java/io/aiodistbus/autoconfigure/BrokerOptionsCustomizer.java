package io.aiodistbus.autoconfigure;

import io.aiodistbus.distributed.BrokerOptions;

/**
 * Adjusts the options of the embedded broker ('broker' mode) beyond what properties set, such as
 * CurveZMQ security with keys from a key store ({@link BrokerOptions#withSecurity}). Every bean of
 * this type is applied, in order, to the options built from the {@code aiodistbus.broker.*} and
 * {@code aiodistbus.security.*} properties, so what it sets wins over them.
 */
@FunctionalInterface
public interface BrokerOptionsCustomizer {

	/**
	 * @param options the options so far
	 * @return the options to use, typically a copy of {@code options} changed through
	 * {@link BrokerOptions#toBuilder()} (or a {@code with...} method for one value)
	 */
	BrokerOptions customize(BrokerOptions options);
}
