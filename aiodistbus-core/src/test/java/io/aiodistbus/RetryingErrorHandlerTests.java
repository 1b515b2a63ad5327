package io.aiodistbus;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.aiodistbus.event.Event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryingErrorHandlerTests {

	private final Event event = Event.of("orders.created", "payload", null);

	@Test
	void delaysGrowByTheMultiplierUpToTheMaximum() {
		RetryBackOff backOff = new RetryBackOff(6, Duration.ofMillis(100), Duration.ofMillis(500), 2.0);

		assertThat(backOff.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(backOff.delayAfter(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(backOff.delayAfter(3)).isEqualTo(Duration.ofMillis(400));
		assertThat(backOff.delayAfter(4)).isEqualTo(Duration.ofMillis(500));
		assertThat(backOff.delayAfter(1000)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void retriesUntilTheLastAttemptThenLogs() {
		RetryingErrorHandler handler = new RetryingErrorHandler(RetryBackOff.defaults());

		assertThat(handler.handle(failure(1))).hasToString("retry after 1000 ms");
		assertThat(handler.handle(failure(2))).hasToString("retry after 2000 ms");
		assertThat(handler.handle(failure(3)).kind()).isEqualTo(ErrorAction.Kind.LOG);
	}

	@Test
	void withDeadLettersSendsTheLastFailureToTypeAndSuffix() {
		RetryingErrorHandler handler = new RetryingErrorHandler(RetryBackOff.none()).withDeadLetters();
		RetryingErrorHandler custom = handler.withDeadLetters("-failed");

		assertThat(handler.handle(failure(1)).deadLetterType()).isEqualTo("orders.created.dlt");
		assertThat(custom.handle(failure(1)).deadLetterType()).isEqualTo("orders.created-failed");
		assertThat(custom.withoutDeadLetters().handle(failure(1)).kind()).isEqualTo(ErrorAction.Kind.LOG);
	}

	@Test
	void invalidValuesAreRejectedNamingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> RetryBackOff.defaults().withMaxAttempts(0))
			.withMessage("maxAttempts must be at least 1, was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryBackOff(2, Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0))
			.withMessageStartingWith("maxDelay must be at least initialDelay");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryBackOff(2, Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5))
			.withMessageStartingWith("multiplier must be");
		assertThatIllegalArgumentException().isThrownBy(() -> ErrorAction.deadLetter("orders.*"))
			.withMessageContaining("not a pattern");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryingErrorHandler(RetryBackOff.none()).withDeadLetters(""))
			.withMessageStartingWith("deadLetterSuffix must not be empty");
	}

	private HandlerFailure failure(int attempt) {
		return new HandlerFailure(this.event, "handler", new IllegalStateException("boom"), attempt);
	}
}
