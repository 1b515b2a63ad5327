package io.aiodistbus.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.event.BusEvent;
import io.aiodistbus.spring.EventHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @EventHandler} methods with threads of their own, through a real broker and a real nats-server:
 * as many calls at once as they ask for (or as {@code aiodistbus.handler.concurrency} says), and each
 * key's events in order.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(BusTransport.class)
class HandlerConcurrencyAutoConfigurationTests {

	private final BusTransport.Server server;

	private final ApplicationContextRunner runner;

	HandlerConcurrencyAutoConfigurationTests(BusTransport transport) {
		this.server = transport.start();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class,
					AiodistbusNatsAutoConfiguration.class))
			.withPropertyValues(this.server.properties().toArray(String[]::new));
	}

	@AfterEach
	void closeServer() {
		this.server.close();
	}

	@Test
	void annotatedConcurrencyRunsThatManyCallsAtOnceAndKeepsEachCustomersOrder() {
		this.runner.withBean(Billing.class).run((context) -> {
			Billing billing = context.getBean(Billing.class);
			try (EntryPoint shop = this.server.connect()) {
				for (int i = 0; i < 4; i++) {
					shop.emit("slow", i);
				}
				assertThat(billing.running.await(20, TimeUnit.SECONDS)).as("four calls at once").isTrue();
				billing.release.countDown();

				for (int i = 0; i < 120; i++) {
					shop.emit(new Order("c" + (i % 5), i));
				}
				await().until(() -> billing.orders.get() == 120);
				assertThat(billing.byCustomer).hasSize(5)
					.allSatisfy((customer, numbers) -> assertThat(numbers).hasSize(24).isSorted());
			}
		});
	}

	@Test
	void propertyGivesEveryMethodItsConcurrency() {
		this.runner.withPropertyValues("aiodistbus.handler.concurrency=3").withBean(Slow.class).run((context) -> {
			Slow slow = context.getBean(Slow.class);
			try (EntryPoint shop = this.server.connect()) {
				for (int i = 0; i < 3; i++) {
					shop.emit("slow", i);
				}
				assertThat(slow.running.await(20, TimeUnit.SECONDS)).as("three calls at once").isTrue();
				slow.release.countDown();
				assertThat(slow.threads).hasSize(3);
			}
		});
	}

	@Test
	void invalidConcurrencyFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("aiodistbus.handler.concurrency=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("aiodistbus.handler.concurrency must be at least 1, was 0"));
	}

	private static void awaitRelease(CountDownLatch release) {
		try {
			release.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@BusEvent("order.created")
	record Order(String customer, int number) {
	}

	static class Billing {

		final CountDownLatch running = new CountDownLatch(4);

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicInteger orders = new AtomicInteger();

		final Map<String, List<Integer>> byCustomer = new ConcurrentHashMap<>();

		@EventHandler(value = "slow", concurrency = "4")
		void slow(Integer number) {
			this.running.countDown();
			awaitRelease(this.release);
		}

		@EventHandler(concurrency = "${billing.concurrency:4}", orderKey = "payload.customer()")
		void bill(Order order) {
			this.byCustomer.computeIfAbsent(order.customer(), (key) -> new CopyOnWriteArrayList<>()).add(order.number());
			this.orders.incrementAndGet();
		}
	}

	static class Slow {

		final CountDownLatch running = new CountDownLatch(3);

		final CountDownLatch release = new CountDownLatch(1);

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		@EventHandler("slow")
		void slow(Integer number) {
			this.threads.add(Thread.currentThread().getName());
			this.running.countDown();
			awaitRelease(this.release);
		}
	}
}
