package io.aiodistbus.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;

import io.aiodistbus.BusErrorHandler;
import io.aiodistbus.EntryPoint;
import io.aiodistbus.RetryingErrorHandler;

/**
 * Gives the entry point the auto-configuration makes the application's {@link BusErrorHandler} bean,
 * or the one made from the {@code aiodistbus.error.*} properties; as Spring Boot hands the
 * application's error handler to the listener containers it makes.
 */
final class BusErrorHandlers {

	private BusErrorHandlers() {
	}

	/**
	 * @param properties the {@code aiodistbus.error.*} properties
	 * @return a handler that retries and dead-letters as they say; with the defaults it logs, as the
	 * bus does without one
	 */
	static RetryingErrorHandler fromProperties(AiodistbusProperties.ErrorHandling properties) {
		RetryingErrorHandler handler = new RetryingErrorHandler(properties.getRetry().toBackOff());
		AiodistbusProperties.DeadLetter deadLetter = properties.getDeadLetter();
		return deadLetter.isEnabled() ? handler.withDeadLetters(deadLetter.getSuffix()) : handler;
	}

	/**
	 * @param <T> the entry point's type
	 * @param entryPoint the application's entry point
	 * @param errorHandler the error handler bean, if there is exactly one
	 * @return the entry point
	 */
	static <T extends EntryPoint> T applyTo(T entryPoint, ObjectProvider<BusErrorHandler> errorHandler) {
		errorHandler.ifUnique(entryPoint::setErrorHandler);
		return entryPoint;
	}

}
