package io.aiodistbus.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;

import io.aiodistbus.BusInstrumentation;
import io.aiodistbus.EntryPoint;

/**
 * Gives the entry point the auto-configuration makes the application's {@link BusInstrumentation}
 * bean: the Micrometer observations of {@code aiodistbus.observation-enabled}, or the application's
 * own.
 */
final class BusInstrumentations {

	private BusInstrumentations() {
	}

	/**
	 * @param <T> the entry point's type
	 * @param entryPoint the application's entry point
	 * @param instrumentation the instrumentation bean, if there is exactly one
	 * @return the entry point
	 */
	static <T extends EntryPoint> T applyTo(T entryPoint, ObjectProvider<BusInstrumentation> instrumentation) {
		instrumentation.ifUnique(entryPoint::setInstrumentation);
		return entryPoint;
	}

}
