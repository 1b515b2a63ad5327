package io.aiodistbus.autoconfigure;

import io.aiodistbus.distributed.BrokerOptions;

/**
 * Adjusts the options of the embedded broker ('broker' mode) beyond what properties set, such as
 * CurveZMQ security ({@link BrokerOptions#withSecurity}) or the high-water mark. Every bean of this
 * type is applied, in order, to the options built from the {@code aiodistbus.broker.*} properties.
 */
@FunctionalInterface
public interface BrokerOptionsCustomizer {

	/**
	 * @param options the options so far
	 * @return the options to use, typically a {@code with...} copy of {@code options}
	 */
	BrokerOptions customize(BrokerOptions options);
}
