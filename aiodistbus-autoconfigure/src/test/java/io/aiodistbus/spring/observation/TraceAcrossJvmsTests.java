package io.aiodistbus.spring.observation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.BusTransport;
import io.aiodistbus.spring.EventHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A trace that crosses two JVMs through a real server, on each distributed transport: the orders
 * service here emits an order inside a request's trace, the billing service in a JVM of its own
 * ({@link TracedBillingService}) handles it and emits the invoice, which the orders service handles;
 * all of it one trace, linked by the {@code traceparent} header. Both are Spring Boot applications whose
 * mode and server come from their properties alone, so the scenario is the same code on either.
 */
class TraceAcrossJvmsTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private BusTransport.Server server;

	private ConfigurableApplicationContext orders;

	private Process billing;

	@AfterEach
	void close() {
		if (this.billing != null) {
			this.billing.destroyForcibly();
		}
		if (this.orders != null) {
			this.orders.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(BusTransport.class)
	void oneTraceSpansTheOrdersServiceTheServerAndTheBillingServiceInAnotherJvm(BusTransport transport)
			throws Exception {
		this.server = transport.start();
		List<String> arguments = new ArrayList<>();
		this.server.properties().forEach((property) -> arguments.add("--" + property));
		arguments.add("--aiodistbus.observation-enabled=true");
		this.orders = new SpringApplicationBuilder(OrdersService.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.run(arguments.toArray(String[]::new));
		SimpleTracer tracer = this.orders.getBean(SimpleTracer.class);
		List<String> invoices = this.orders.getBean(Invoices.class).received;
		List<String> billingOutput = new CopyOnWriteArrayList<>();
		this.billing = startBilling(arguments, billingOutput);
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> billingOutput.contains("READY") || !this.billing.isAlive());
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("the billing JVM did not connect; it printed " + billingOutput, ex);
		}
		assertThat(billingOutput).as("what the billing JVM printed").contains("READY");

		ReceiverContext<Map<String, String>> request = new ReceiverContext<>((carrier, key) -> carrier.get(key));
		request.setCarrier(Map.of("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01"));
		EntryPoint bus = this.orders.getBean(EntryPoint.class);
		Observation.createNotStarted("POST /orders", () -> request, this.orders.getBean(ObservationRegistry.class))
			.observe(() -> bus.emit("order.created", "o-7"));

		// the billing JVM ends once it printed its handling, or gave up
		await().atMost(Duration.ofSeconds(120)).until(() -> !this.billing.isAlive());
		String[] handled = billingOutput.stream()
			.filter((line) -> line.startsWith("HANDLED "))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the billing JVM printed " + billingOutput))
			.split(" ");
		Map<String, SimpleSpan> spans;
		try {
			spans = await().atMost(Duration.ofSeconds(30))
				.until(() -> finishedByName(tracer), (finished) -> finished.containsKey("invoice.created process"));
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("invoices " + invoices + "; finished spans " + finishedByName(tracer).keySet(), ex);
		}
		assertThat(invoices).containsExactly("invoice for o-7");
		assertThat(handled[1]).as("the trace id in the billing JVM").isEqualTo(TRACE_ID);
		assertThat(handled[2]).as("the billing handler's parent: the order's send span, in this JVM")
			.isEqualTo(spans.get("order.created send").getSpanId());
		assertThat(spans.get("invoice.created process").getTraceId()).as("the invoice's handling, back here")
			.isEqualTo(TRACE_ID);
		assertThat(spans.get("order.created send").getTraceId()).isEqualTo(TRACE_ID);
	}

	private static Map<String, SimpleSpan> finishedByName(SimpleTracer tracer) {
		return tracer.getSpans()
			.stream()
			.filter((span) -> span.getEndTimestamp().toEpochMilli() > 0)
			.filter((span) -> span.getName() != null)
			.collect(Collectors.toMap(SimpleSpan::getName, (span) -> span, (first, second) -> first));
	}

	/** Starts the billing service on this JVM's class path, collecting what it prints. */
	private static Process startBilling(List<String> arguments, List<String> output) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), TracedBillingService.class.getName()));
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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

	/** The orders service: a Spring Boot application on the bus, which takes the invoices. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@Import(TracedService.class)
	static class OrdersService {

		@Bean
		Invoices invoices() {
			return new Invoices();
		}

	}

	static class Invoices {

		final List<String> received = new CopyOnWriteArrayList<>();

		@EventHandler("invoice.created")
		void invoiced(String invoice) {
			this.received.add(invoice);
		}

	}

}
