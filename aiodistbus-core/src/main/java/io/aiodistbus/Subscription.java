package io.aiodistbus;

/**
 * One handler registration, returned by {@code EntryPoint.on}.
 */
public interface Subscription {

	/** @return the type or pattern the handler was registered with */
	String type();

	/** Removes this one handler. Idempotent. */
	void cancel();
}
