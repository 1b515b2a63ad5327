package io.aiodistbus.spring;

/**
 * Implemented by the proxies {@link Evented#of} returns, so that an evented object set on another
 * one can be recognised. Not for applications to implement or call.
 * <p>
 * The proxies are opaque (they do not expose Spring AOP's {@code Advised} getters), so that an
 * evented object nested in a payload serializes as its own properties.
 */
public interface EventedObject {

	/**
	 * Not a getter on purpose: JSON mappers do not see it as a property.
	 * @return the proxy's change tracker
	 */
	Object eventedTracker();
}
