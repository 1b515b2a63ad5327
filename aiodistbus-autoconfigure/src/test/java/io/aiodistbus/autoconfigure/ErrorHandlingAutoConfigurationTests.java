package io.aiodistbus.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.aiodistbus.BusErrorHandler;
import io.aiodistbus.DeadLetterHeaders;
import io.aiodistbus.EntryPoint;
import io.aiodistbus.ErrorAction;
import io.aiodistbus.HandlerFailure;
import io.aiodistbus.RetryingErrorHandler;
import io.aiodistbus.event.Event;
import io.aiodistbus.spring.EventHandler;
import io.aiodistbus.spring.metrics.AiodistbusMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failures of {@code @EventHandler} methods, retried and dead-lettered as the {@code aiodistbus.error.*}
 * properties, the annotation, or a {@link BusErrorHandler} bean say, on the local bus and through a
 * real broker and a real nats-server.
 */
class ErrorHandlingAutoConfigurationTests {

	private static final String[] RETRY_THEN_DEAD_LETTER = { "aiodistbus.error.retry.max-attempts=3",
			"aiodistbus.error.retry.initial-delay=5ms", "aiodistbus.error.retry.max-delay=20ms",
			"aiodistbus.error.dead-letter.enabled=true" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class,
				AiodistbusAutoConfiguration.class, AiodistbusNatsAutoConfiguration.class))
		.withBean("failingHandlers", FailingHandlers.class);

	private BusTransport.Server server;

	@AfterEach
	void closeServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void byDefaultAFailureIsLoggedOnce() {
		this.runner.run((context) -> {
			assertThat(context.getBean(BusErrorHandler.class)).isInstanceOfSatisfying(RetryingErrorHandler.class,
					(handler) -> {
						assertThat(handler.backOff().maxAttempts()).isEqualTo(1);
						assertThat(handler.deadLetterSuffix()).isNull();
					});
			FailingHandlers handlers = context.getBean(FailingHandlers.class);
			context.getBean(EntryPoint.class).emit("order.broken", "o-1");
			assertThat(handlers.broken).hasValue(1);
			assertThat(handlers.deadLetters).isEmpty();
		});
	}

	@Test
	void propertiesRetryThenDeadLetterOnTheLocalBus() {
		this.runner.withPropertyValues(RETRY_THEN_DEAD_LETTER).run((context) -> {
			MeterRegistry meters = new SimpleMeterRegistry();
			EntryPoint entryPoint = context.getBean(EntryPoint.class);
			new AiodistbusMetrics(entryPoint, null).bindTo(meters);
			FailingHandlers handlers = context.getBean(FailingHandlers.class);

			entryPoint.emit("order.flaky", "o-1");
			entryPoint.emit("order.broken", "o-2");

			assertFlakySucceededAndBrokenDeadLettered(handlers, "o-1", "o-2");
			assertThat(meters.get("aiodistbus.handler.retries").tag("handler", "failingHandlers.flaky(String)")
				.counter().count()).isEqualTo(2);
			assertThat(meters.get("aiodistbus.handler.retries").tag("handler", "failingHandlers.broken(String)")
				.counter().count()).isEqualTo(2);
			assertThat(meters.get("aiodistbus.handler.dead.letters").tag("handler", "failingHandlers.broken(String)")
				.counter().count()).isEqualTo(1);
			assertThat(meters.get("aiodistbus.handler.errors").tag("handler", "failingHandlers.broken(String)")
				.counter().count()).isEqualTo(3);
		});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(BusTransport.class)
	void propertiesRetryThenDeadLetterThroughAServer(BusTransport transport) {
		this.server = transport.start();
		this.runner.withPropertyValues(RETRY_THEN_DEAD_LETTER)
			.withPropertyValues(this.server.properties().toArray(String[]::new))
			.run((context) -> {
				FailingHandlers handlers = context.getBean(FailingHandlers.class);
				try (EntryPoint other = this.server.connect()) {
					other.emit("order.flaky", "o-1");
					other.emit("order.broken", "o-2");

					await().untilAsserted(() -> assertFlakySucceededAndBrokenDeadLettered(handlers, "o-1", "o-2"));
				}
			});
	}

	@Test
	void annotationAttributesOverrideThePropertiesForTheirMethod() {
		this.runner.withPropertyValues(RETRY_THEN_DEAD_LETTER).run((context) -> {
			FailingHandlers handlers = context.getBean(FailingHandlers.class);
			EntryPoint entryPoint = context.getBean(EntryPoint.class);

			entryPoint.emit("order.once", "o-1");
			entryPoint.emit("order.twice", "o-2");

			assertThat(handlers.once).hasValue(1);
			assertThat(handlers.twice).hasValue(2);
			assertThat(handlers.deadLetters).singleElement()
				.satisfies((letter) -> assertThat(letter.type()).isEqualTo("order.twice.dlt"));
		});
	}

	@Test
	void annotationAttributesWithoutPropertiesRetryWithTheDefaultDelays() {
		this.runner.run((context) -> {
			FailingHandlers handlers = context.getBean(FailingHandlers.class);
			context.getBean(EntryPoint.class).emit("order.twice", "o-2");

			// one retry, after the default second, then dead-lettered as the annotation asks
			assertThat(handlers.twice).hasValue(2);
			assertThat(handlers.deadLetters).singleElement()
				.satisfies((letter) -> assertThat(letter.headers()).containsEntry(DeadLetterHeaders.ATTEMPTS, "2"));
		});
	}

	@Test
	void userErrorHandlerBeanIsUsedInsteadOfTheProperties() {
		List<HandlerFailure> failures = new CopyOnWriteArrayList<>();
		BusErrorHandler recording = (failure) -> {
			failures.add(failure);
			return ErrorAction.deadLetter("order.failed");
		};
		this.runner.withPropertyValues(RETRY_THEN_DEAD_LETTER)
			.withBean(BusErrorHandler.class, () -> recording)
			.run((context) -> {
				assertThat(context).hasSingleBean(BusErrorHandler.class).doesNotHaveBean(RetryingErrorHandler.class);
				FailingHandlers handlers = context.getBean(FailingHandlers.class);
				context.getBean(EntryPoint.class).emit("order.broken", "o-1");

				assertThat(failures).singleElement()
					.satisfies((failure) -> assertThat(failure.handler()).isEqualTo("failingHandlers.broken(String)"));
				assertThat(handlers.failed).containsExactly("o-1");
			});
	}

	@Test
	void invalidRetryPropertiesFailStartUpNamingThem() {
		this.runner.withPropertyValues("aiodistbus.error.retry.max-attempts=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("aiodistbus.error.retry.max-attempts must be at least 1, was 0");
		});
		this.runner.withPropertyValues("aiodistbus.error.retry.initial-delay=5s", "aiodistbus.error.retry.max-delay=1s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageStartingWith("aiodistbus.error.retry.max-delay must be at least"));
	}

	private static void assertFlakySucceededAndBrokenDeadLettered(FailingHandlers handlers, String flaky,
			String broken) {
		assertThat(handlers.flaky).hasValue(3);
		assertThat(handlers.succeeded).containsExactly(flaky);
		assertThat(handlers.broken).hasValue(3);
		assertThat(handlers.deadLetters).singleElement().satisfies((letter) -> {
			assertThat(letter.type()).isEqualTo("order.broken.dlt");
			assertThat(letter.data()).isEqualTo(broken);
			assertThat(letter.headers()).containsEntry(DeadLetterHeaders.ORIGINAL_TYPE, "order.broken")
				.containsEntry(DeadLetterHeaders.EXCEPTION, IllegalStateException.class.getName())
				.containsEntry(DeadLetterHeaders.EXCEPTION_MESSAGE, "cannot take " + broken)
				.containsEntry(DeadLetterHeaders.ATTEMPTS, "3")
				.containsEntry(DeadLetterHeaders.HANDLER, "failingHandlers.broken(String)");
		});
	}

	static class FailingHandlers {

		final AtomicInteger flaky = new AtomicInteger();

		final List<String> succeeded = new CopyOnWriteArrayList<>();

		final AtomicInteger broken = new AtomicInteger();

		final AtomicInteger once = new AtomicInteger();

		final AtomicInteger twice = new AtomicInteger();

		final List<Event> deadLetters = new CopyOnWriteArrayList<>();

		final List<Object> failed = new CopyOnWriteArrayList<>();

		@EventHandler("order.flaky")
		void flaky(String order) {
			if (this.flaky.incrementAndGet() <= 2) {
				throw new IllegalStateException("not yet");
			}
			this.succeeded.add(order);
		}

		@EventHandler("order.broken")
		void broken(String order) {
			this.broken.incrementAndGet();
			throw new IllegalStateException("cannot take " + order);
		}

		@EventHandler(value = "order.once", retry = "1", deadLetter = "false")
		void once(String order) {
			this.once.incrementAndGet();
			throw new IllegalStateException("once");
		}

		@EventHandler(value = "order.twice", retry = "${demo.attempts:2}", deadLetter = "true")
		void twice(String order) {
			this.twice.incrementAndGet();
			throw new IllegalStateException("twice");
		}

		@EventHandler("order.broken.dlt")
		void brokenDeadLetter(Event event) {
			this.deadLetters.add(event);
		}

		@EventHandler("order.twice.dlt")
		void twiceDeadLetter(Event event) {
			this.deadLetters.add(event);
		}

		@EventHandler("order.failed")
		void failed(String order) {
			this.failed.add(order);
		}
	}
}
