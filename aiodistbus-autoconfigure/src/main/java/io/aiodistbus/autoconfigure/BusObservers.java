package io.aiodistbus.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;

import io.aiodistbus.BusObserver;
import io.aiodistbus.EntryPoint;

/**
 * Adds the application's {@link BusObserver} beans to the entry point the auto-configuration makes,
 * in their {@code @Order}, as Spring Boot hands user interceptors to the listener containers it
 * makes. An entry point the application defines itself is its own to observe.
 */
final class BusObservers {

	private BusObservers() {
	}

	/**
	 * Adds the observers before the entry point connects, so that they hear every event of it.
	 * @param <T> the entry point's type
	 * @param entryPoint the application's entry point, not yet connected
	 * @param observers the application's observers
	 * @return the entry point
	 */
	static <T extends EntryPoint> T addTo(T entryPoint, ObjectProvider<BusObserver> observers) {
		observers.orderedStream().forEach(entryPoint::addObserver);
		return entryPoint;
	}

}
