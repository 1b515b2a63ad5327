package io.aiodistbus.spring.observation;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleTracer;

import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.DEntryPoint;

/**
 * The billing service of {@link TraceAcrossJvmsTests}, in a JVM of its own: handles one order with
 * tracing on, emits the invoice, and prints the trace and span of its handling as
 * {@code HANDLED <trace id> <parent span id>}. Arguments: the broker's host and port.
 */
public final class TracedBillingService {

	private TracedBillingService() {
	}

	public static void main(String[] args) throws Exception {
		SimpleTracer tracer = new SimpleTracer();
		ObservationRegistry registry = ObservationRegistry.create();
		W3cTraceContextPropagator propagator = new W3cTraceContextPropagator(tracer);
		registry.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
					new DefaultTracingObservationHandler(tracer)));
		CountDownLatch handled = new CountDownLatch(1);
		try (DEntryPoint billing = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(30)))) {
			billing.setInstrumentation(new ObservationInstrumentation(registry));
			billing.on("order.created", String.class, (order) -> {
				billing.emit("invoice.created", "invoice for " + order);
				handled.countDown();
			});
			billing.connect(args[0], Integer.parseInt(args[1]));
			System.out.println("READY");
			if (!handled.await(60, TimeUnit.SECONDS)) {
				System.out.println("NO ORDER");
				return;
			}
			// the handler's span ends once the handler returned: wait for it
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (tracer.getSpans().stream().noneMatch((span) -> "order.created process".equals(span.getName())
					&& span.getEndTimestamp().toEpochMilli() > 0)) {
				if (System.nanoTime() > deadline) {
					System.out.println("NO SPAN");
					return;
				}
				Thread.onSpinWait();
			}
			tracer.getSpans()
				.stream()
				.filter((span) -> "order.created process".equals(span.getName()))
				.forEach((span) -> System.out.println("HANDLED " + span.getTraceId() + " " + span.getParentId()));
		}
	}
}
