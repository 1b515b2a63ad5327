package io.aiodistbus;

/**
 * Decides what happens when a handler fails: it threw, or the stage it returned completed
 * exceptionally. Called once per failed attempt, with the attempt's number, and answers with an
 * {@link ErrorAction}:
 * <ul>
 * <li>{@link ErrorAction#log()}: log the failure and give up (the default, {@link #logging()});</li>
 * <li>{@link ErrorAction#retryAfter(java.time.Duration)}: call the handler again with the same event
 * after a delay;</li>
 * <li>{@link ErrorAction#deadLetter(String)}: give up and emit the event's payload under a
 * dead-letter type, with headers naming the failure ({@link DeadLetterHeaders}).</li>
 * </ul>
 * {@link RetryingErrorHandler} makes these decisions from a {@link RetryBackOff} and a dead-letter
 * suffix; an application may write its own, deciding by exception or event type. An entry point's
 * handlers use the one given to {@link EntryPoint#setErrorHandler(BusErrorHandler)}; a handler may
 * have its own ({@link HandlerOptions#withErrorHandler(BusErrorHandler)}).
 *
 * <h2>Where retries wait</h2>
 * A retry is never waited for on the thread that delivers events: the failed handler's next attempt is
 * scheduled on a shared pool of daemon threads ({@code aiodistbus-retry-N}), and the other handlers of
 * the event, and the next events, go on at once. So a failing handler holds up no other handler, and
 * the distributed bus's dispatch thread never sleeps. The price is order: <strong>an event being
 * retried reaches its handler after later events may have</strong> (the other handlers, which did not
 * fail, keep their order). On the local bus a blocking {@code emit} returns once every handler of the
 * event finished, its retries included, as it waits for an asynchronous handler's stage; on the
 * distributed bus nothing waits for them. A retry that falls due after the entry point closed is
 * dropped and logged.
 *
 * <h2>What is not retried</h2>
 * A payload that does not convert to the handler's class
 * ({@link io.aiodistbus.codec.PayloadCodecException}) is a drop, not a failure: converting it again
 * would fail again. An event that is itself a dead letter (it carries
 * {@link DeadLetterHeaders#ORIGINAL_TYPE}) is not dead-lettered a second time, so that a failing
 * wildcard handler cannot make a chain of dead letters: it is logged instead.
 * <p>
 * Implementations are called on the thread where the handler failed and must be quick and
 * thread-safe; an exception they throw is logged and taken as {@link ErrorAction#log()}.
 */
@FunctionalInterface
public interface BusErrorHandler {

	/**
	 * Decides what to do about one failed attempt of a handler.
	 * @param failure the event, the handler, the error and the attempt's number
	 * @return what to do; {@code null} is taken as {@link ErrorAction#log()}
	 */
	ErrorAction handle(HandlerFailure failure);

	/**
	 * @return the error handler that logs every failure and gives up, the bus's default
	 */
	static BusErrorHandler logging() {
		return (failure) -> ErrorAction.log();
	}
}
