package io.aiodistbus.contract;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Waits for a future that must fail, and checks with what. */
public final class CompletableFutureAssert {

	private CompletableFutureAssert() {
	}

	public static void assertFailsWith(CompletableFuture<?> future, Class<? extends Throwable> type) {
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(30, TimeUnit.SECONDS))
			.satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(type));
	}
}
