package io.aiodistbus.spring.observation;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.test.simple.SimpleTracer;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.spring.EventHandler;

/**
 * The billing service of {@link TraceAcrossJvmsTests}, a Spring Boot application in a JVM of its own on
 * the bus its arguments configure ({@code --aiodistbus.mode=...} and where the server is): handles one
 * order with tracing on, emits the invoice, and prints the trace and parent span of its handling as
 * {@code HANDLED <trace id> <parent span id>}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Import(TracedService.class)
public class TracedBillingService {

	@Bean
	Billing billing(EntryPoint bus) {
		return new Billing(bus);
	}

	public static void main(String[] args) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TracedBillingService.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.run(args)) {
			System.out.println("READY");
			if (!context.getBean(Billing.class).handled.await(60, TimeUnit.SECONDS)) {
				System.out.println("NO ORDER");
				return;
			}
			SimpleTracer tracer = context.getBean(SimpleTracer.class);
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

	static class Billing {

		private final EntryPoint bus;

		final CountDownLatch handled = new CountDownLatch(1);

		Billing(EntryPoint bus) {
			this.bus = bus;
		}

		@EventHandler("order.created")
		void bill(String order) {
			this.bus.emit("invoice.created", "invoice for " + order);
			this.handled.countDown();
		}

	}

}
