package io.aiodistbus.autoconfigure;


import io.aiodistbus.BusErrorHandler;
import io.aiodistbus.RetryingErrorHandler;

/**
 * The {@link BusErrorHandler} made from the {@code aiodistbus.error.*} properties, for an application
 * that defines none; {@link EntryPointConfigurer} hands it to the entry point.
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

}
