package io.aiodistbus.spring.observation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A trace that crosses two JVMs through a real broker: the orders service here emits an order inside a
 * request's trace, the billing service in a JVM of its own ({@link TracedBillingService}) handles it
 * and emits the invoice, which the orders service handles; all of it one trace, linked by the
 * {@code traceparent} header.
 */
class TraceAcrossJvmsTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private final SimpleTracer tracer = new SimpleTracer();

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final DEventBus broker = new DEventBus();

	private final DEntryPoint orders = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(30)));

	private Process billing;

	@AfterEach
	void close() {
		if (this.billing != null) {
			this.billing.destroyForcibly();
		}
		this.orders.close();
		this.broker.close();
	}

	@Test
	void oneTraceSpansTheOrdersServiceTheBrokerAndTheBillingServiceInAnotherJvm() throws Exception {
		W3cTraceContextPropagator propagator = new W3cTraceContextPropagator(this.tracer);
		this.registry.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(this.tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(this.tracer, propagator),
					new DefaultTracingObservationHandler(this.tracer)));
		this.orders.setInstrumentation(new ObservationInstrumentation(this.registry));
		List<String> invoices = new CopyOnWriteArrayList<>();
		this.orders.on("invoice.created", String.class, invoices::add);
		this.orders.connect("127.0.0.1", this.broker.port());
		List<String> billingOutput = new CopyOnWriteArrayList<>();
		this.billing = startBilling(billingOutput);
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> billingOutput.contains("READY") || !this.billing.isAlive());
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("the billing JVM did not connect; it printed " + billingOutput, ex);
		}
		assertThat(billingOutput).as("what the billing JVM printed").contains("READY");

		ReceiverContext<Map<String, String>> request = new ReceiverContext<>((carrier, key) -> carrier.get(key));
		request.setCarrier(Map.of("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01"));
		Observation.createNotStarted("POST /orders", () -> request, this.registry)
			.observe(() -> this.orders.emit("order.created", "o-7"));

		try {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> invoices.size() == 1 && billingOutput.stream().anyMatch((line) -> line.startsWith("HANDLED ")));
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("invoices " + invoices + "; the billing JVM printed " + billingOutput, ex);
		}
		Map<String, SimpleSpan> spans = await().atMost(Duration.ofSeconds(30))
			.until(this::finishedByName, (finished) -> finished.containsKey("invoice.created process"));
		String[] handled = billingOutput.stream().filter((line) -> line.startsWith("HANDLED ")).findFirst().orElseThrow()
			.split(" ");
		assertThat(invoices).containsExactly("invoice for o-7");
		assertThat(handled[1]).as("the trace id in the billing JVM").isEqualTo(TRACE_ID);
		assertThat(handled[2]).as("the billing handler's parent: the order's send span, in this JVM")
			.isEqualTo(spans.get("order.created send").getSpanId());
		assertThat(spans.get("invoice.created process").getTraceId()).as("the invoice's handling, back here")
			.isEqualTo(TRACE_ID);
		assertThat(spans.get("order.created send").getTraceId()).isEqualTo(TRACE_ID);
	}

	private Map<String, SimpleSpan> finishedByName() {
		return this.tracer.getSpans()
			.stream()
			.filter((span) -> span.getEndTimestamp().toEpochMilli() > 0)
			.filter((span) -> span.getName() != null)
			.collect(Collectors.toMap(SimpleSpan::getName, (span) -> span, (first, second) -> first));
	}

	/** Starts the billing service on this JVM's class path, collecting what it prints. */
	private Process startBilling(List<String> output) throws IOException {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), TracedBillingService.class.getName(), "127.0.0.1",
				Integer.toString(this.broker.port()))
			.redirectErrorStream(true)
			.start();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					output.add(line);
				}
			}
			catch (IOException ex) {
				output.add("READ FAILED " + ex);
			}
		}, "billing-output");
		reader.setDaemon(true);
		reader.start();
		return process;
	}
}
