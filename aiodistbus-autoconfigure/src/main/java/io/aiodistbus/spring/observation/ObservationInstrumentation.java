package io.aiodistbus.spring.observation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import io.aiodistbus.BusInstrumentation;
import io.aiodistbus.event.Event;

/**
 * Observes every emit and handler call of an entry point with Micrometer Observation. With Micrometer
 * Tracing, an emit is a producer span whose context is written into the event's headers (by the
 * application's propagator: W3C {@code traceparent} with Spring Boot's default), and each handler
 * call a consumer span whose parent is read back from them, so a trace spans services through the
 * broker. An emit made by a handler is a child of the handler's span.
 * <pre class="code">
 * entryPoint.setInstrumentation(new ObservationInstrumentation(observationRegistry));
 * </pre>
 * An emit's observation lasts until the event is handed over: on the local bus that includes the
 * handlers, on the distributed bus it is the hand-off to the socket. A handler call's lasts until the
 * handler finished, its stage included; each retry of a failed handler is an observation of its own.
 */
public class ObservationInstrumentation implements BusInstrumentation {

	private final ObservationRegistry registry;

	private final EmitObservationConvention emitConvention;

	private final HandleObservationConvention handleConvention;

	/**
	 * @param registry where the observations go
	 */
	public ObservationInstrumentation(ObservationRegistry registry) {
		this(registry, null, null);
	}

	/**
	 * @param registry where the observations go
	 * @param emitConvention names and tags emits, {@code null} for the default
	 * @param handleConvention names and tags handler calls, {@code null} for the default
	 */
	public ObservationInstrumentation(ObservationRegistry registry, EmitObservationConvention emitConvention,
			HandleObservationConvention handleConvention) {
		this.registry = registry;
		this.emitConvention = emitConvention;
		this.handleConvention = handleConvention;
	}

	@Override
	public <T> T emit(String type, Map<String, String> headers, Function<Map<String, String>, T> emit) {
		if (this.registry.isNoop()) {
			return emit.apply(headers);
		}
		// the propagator writes into this copy when the observation starts, before the event is built
		Map<String, String> carried = new LinkedHashMap<>(headers);
		EmitObservationContext context = new EmitObservationContext(type, carried);
		return BusObservationDocumentation.EMIT
			.observation(this.emitConvention, DefaultEmitObservationConvention.INSTANCE, () -> context, this.registry)
			.observe(() -> emit.apply(carried));
	}

	@Override
	public CompletionStage<?> handle(Event event, String handler, HandlerCall call) throws Exception {
		if (this.registry.isNoop()) {
			return call.call();
		}
		Observation observation = BusObservationDocumentation.HANDLE
			.observation(this.handleConvention, DefaultHandleObservationConvention.INSTANCE,
					() -> new HandleObservationContext(event, handler), this.registry)
			.start();
		CompletionStage<?> stage;
		try (Observation.Scope scope = observation.openScope()) {
			stage = call.call();
		}
		catch (Exception | Error ex) {
			observation.error(ex);
			observation.stop();
			throw ex;
		}
		if (stage == null) {
			observation.stop();
			return null;
		}
		return stage.whenComplete((result, ex) -> {
			if (ex != null) {
				observation.error((ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex);
			}
			observation.stop();
		});
	}
}
