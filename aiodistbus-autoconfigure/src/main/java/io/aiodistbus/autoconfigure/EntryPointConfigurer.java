package io.aiodistbus.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;

import io.aiodistbus.BusErrorHandler;
import io.aiodistbus.BusInstrumentation;
import io.aiodistbus.BusObserver;
import io.aiodistbus.EntryPoint;

/**
 * Gives an entry point what the application configures for every bus: its {@link BusObserver} beans
 * in their {@code @Order}, its {@link BusErrorHandler} (the application's, or the one made from the
 * {@code aiodistbus.error.*} properties) and its {@link BusInstrumentation} (the Micrometer observations
 * of {@code aiodistbus.observation-enabled}, or the application's own). Every entry point the
 * auto-configuration makes, whatever its transport, goes through it, as Spring Boot's listener
 * container factories go through their configurers; an application that defines its own entry point
 * can pass it here to get the same.
 */
public final class EntryPointConfigurer {

	private final ObjectProvider<BusObserver> observers;

	private final ObjectProvider<BusErrorHandler> errorHandler;

	private final ObjectProvider<BusInstrumentation> instrumentation;

	EntryPointConfigurer(ObjectProvider<BusObserver> observers, ObjectProvider<BusErrorHandler> errorHandler,
			ObjectProvider<BusInstrumentation> instrumentation) {
		this.observers = observers;
		this.errorHandler = errorHandler;
		this.instrumentation = instrumentation;
	}

	/**
	 * Adds the observers and sets the error handler and instrumentation, if there is exactly one of each;
	 * call it before the entry point connects, so that the observers hear every event of it.
	 * @param <T> the entry point's type
	 * @param entryPoint the entry point, not yet connected
	 * @return the entry point
	 */
	public <T extends EntryPoint> T configure(T entryPoint) {
		this.observers.orderedStream().forEach(entryPoint::addObserver);
		this.errorHandler.ifUnique(entryPoint::setErrorHandler);
		this.instrumentation.ifUnique(entryPoint::setInstrumentation);
		return entryPoint;
	}
}
