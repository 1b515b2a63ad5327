package io.aiodistbus.spring.observation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.event.Event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A trace through a real broker: a request of the orders service emits an order, the billing service
 * handles it and emits an invoice, the orders service handles that; every span is in the request's
 * trace, each handler's span a child of its emit's, linked by the W3C {@code traceparent} header.
 */
class ObservationInstrumentationTests {

	// the trace of an incoming request
	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final SimpleTracer tracer = new SimpleTracer();

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final DEventBus broker = new DEventBus();

	private final DEntryPoint orders = client();

	private final DEntryPoint billing = client();

	@AfterEach
	void close() {
		this.orders.close();
		this.billing.close();
		this.broker.close();
	}

	@Test
	void traceSpansBothServicesThroughTheBroker() {
		W3cTraceContextPropagator propagator = new W3cTraceContextPropagator(this.tracer);
		this.registry.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(this.tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(this.tracer, propagator),
					new DefaultTracingObservationHandler(this.tracer)));
		this.orders.setInstrumentation(new ObservationInstrumentation(this.registry));
		this.billing.setInstrumentation(new ObservationInstrumentation(this.registry));
		List<Event> ordersAtBilling = new CopyOnWriteArrayList<>();
		this.billing.on("order.created", (event) -> {
			ordersAtBilling.add(event);
			this.billing.emit("invoice.created", "invoice for " + event.data());
		});
		List<String> invoices = new CopyOnWriteArrayList<>();
		this.orders.on("invoice.created", String.class, invoices::add);
		connect(this.billing);
		connect(this.orders);

		// a request that arrived with a traceparent, as a web server's observation of it would be
		ReceiverContext<Map<String, String>> request = new ReceiverContext<>((carrier, key) -> carrier.get(key));
		request.setCarrier(Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
		Observation.createNotStarted("POST /orders", () -> request, this.registry)
			.observe(() -> this.orders.emit("order.created", "o-1"));

		await().until(() -> invoices.size() == 1 && finished().size() == 5);
		Map<String, SimpleSpan> spans = finished().stream()
			.collect(Collectors.toMap(SimpleSpan::getName, (span) -> span));
		assertThat(spans).containsOnlyKeys("POST /orders", "order.created send", "order.created process",
				"invoice.created send", "invoice.created process");
		assertThat(spans.values()).allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(TRACE_ID));
		assertParent(spans, "order.created send", "POST /orders");
		assertParent(spans, "order.created process", "order.created send");
		assertParent(spans, "invoice.created send", "order.created process");
		assertParent(spans, "invoice.created process", "invoice.created send");
		assertThat(spans.get("order.created send").getKind()).isEqualTo(Span.Kind.PRODUCER);
		assertThat(spans.get("order.created process").getKind()).isEqualTo(Span.Kind.CONSUMER);
		assertThat(spans.get("order.created process").getTags()).containsEntry("messaging.system", "aiodistbus")
			.containsEntry("messaging.destination.name", "order.created")
			.containsEntry("aiodistbus.handler", "lambda handler for 'order.created'");
		assertThat(ordersAtBilling).singleElement()
			.satisfies((event) -> assertThat(event.headers().get("traceparent"))
				.isEqualTo("00-" + TRACE_ID + "-" + spans.get("order.created send").getSpanId() + "-01"));
	}

	@Test
	void failedHandlerCallEndsItsSpanWithTheError() {
		W3cTraceContextPropagator propagator = new W3cTraceContextPropagator(this.tracer);
		this.registry.observationConfig()
			.observationHandler(new PropagatingReceiverTracingObservationHandler<>(this.tracer, propagator));
		this.billing.setInstrumentation(new ObservationInstrumentation(this.registry));
		this.billing.on("order.created", (event) -> {
			throw new IllegalStateException("no billing today");
		});
		connect(this.billing);
		connect(this.orders);

		this.orders.emit("order.created", "o-1");

		await().until(() -> finished().size() == 1);
		assertThat(finished().get(0).getError()).hasMessage("no billing today");
	}

	private List<SimpleSpan> finished() {
		return this.tracer.getSpans().stream().filter((span) -> span.getEndTimestamp().toEpochMilli() > 0).toList();
	}

	private static void assertParent(Map<String, SimpleSpan> spans, String child, String parent) {
		assertThat(spans.get(child).getParentId()).as("parent of " + child).isEqualTo(spans.get(parent).getSpanId());
	}

	private static DEntryPoint client() {
		return new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(10)));
	}

	private void connect(DEntryPoint client) {
		client.connect("127.0.0.1", this.broker.port());
	}
}
