package io.aiodistbus.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.spring.EventHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @EventHandler(group = ...)} and {@code @EventHandler} methods that return a reply, on the local
 * bus and through an embedded broker.
 */
class GroupsAndRepliesAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class));

	@ParameterizedTest
	@ValueSource(strings = { "local", "broker" })
	void groupedMethodsShareTheEventsAndUngroupedOnesGetThemAll(String mode) {
		this.runner.withPropertyValues("aiodistbus.mode=" + mode, "aiodistbus.broker.port=0")
			.withBean(Shared.class)
			.withBean("billingA", Billing.class)
			.withBean("billingB", Billing.class)
			.withBean(Audit.class)
			.run((context) -> {
				EntryPoint entryPoint = context.getBean(EntryPoint.class);
				List<String> billed = context.getBean(Shared.class).billed;
				List<String> audited = context.getBean(Audit.class).audited;
				for (int i = 0; i < 10; i++) {
					entryPoint.emit("order.created", "order-" + i);
				}
				await().atMost(Duration.ofSeconds(20)).until(() -> billed.size() >= 10 && audited.size() >= 10);
				entryPoint.emit("order.created.barrier");
				await().atMost(Duration.ofSeconds(20)).until(() -> audited.contains("barrier"));
				assertThat(billed).hasSize(10).doesNotHaveDuplicates();
				assertThat(context.getBean("billingA", Billing.class).calls).isPositive();
				assertThat(context.getBean("billingB", Billing.class).calls).isPositive();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "broker" })
	void methodsThatReturnAValueAnswerRequests(String mode) {
		this.runner.withPropertyValues("aiodistbus.mode=" + mode, "aiodistbus.broker.port=0")
			.withBean(Replies.class)
			.run((context) -> {
				EntryPoint entryPoint = context.getBean(EntryPoint.class);
				assertThat(entryPoint.request("math.double", 21, Integer.class, Duration.ofSeconds(10))
					.get(20, TimeUnit.SECONDS)).isEqualTo(42);
				assertThat(entryPoint.request("text.upper", "hi", String.class, Duration.ofSeconds(10))
					.get(20, TimeUnit.SECONDS)).isEqualTo("HI");
				// a plain emit of the same type is handled, and its value goes nowhere
				entryPoint.emit("math.double", 1);
				await().atMost(Duration.ofSeconds(20)).until(() -> context.getBean(Replies.class).calls.size() == 2);
			});
	}

	@Test
	void malformedGroupFailsStartup() {
		this.runner.withBean("badGroup", BadGroup.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("badGroup.on(String)")
				.hasMessageContaining("group must be"));
	}

	static class Shared {

		final List<String> billed = new CopyOnWriteArrayList<>();
	}

	static class Billing {

		private final Shared shared;

		volatile int calls;

		Billing(Shared shared) {
			this.shared = shared;
		}

		@EventHandler(value = "order.created", group = "billing")
		void bill(String order) {
			this.calls++;
			this.shared.billed.add(order);
		}
	}

	static class Audit {

		final List<String> audited = new CopyOnWriteArrayList<>();

		@EventHandler("order.*")
		void audit(io.aiodistbus.event.Event event) {
			this.audited.add(event.type().endsWith("barrier") ? "barrier" : (String) event.data());
		}
	}

	static class Replies {

		final List<Integer> calls = new CopyOnWriteArrayList<>();

		@EventHandler("math.double")
		int doubled(Integer number) {
			this.calls.add(number);
			return number * 2;
		}

		@EventHandler("text.upper")
		CompletionStage<String> upper(String text) {
			return CompletableFuture.supplyAsync(text::toUpperCase);
		}
	}

	static class BadGroup {

		@EventHandler(value = "a", group = "bad/group")
		void on(String text) {
		}
	}
}
