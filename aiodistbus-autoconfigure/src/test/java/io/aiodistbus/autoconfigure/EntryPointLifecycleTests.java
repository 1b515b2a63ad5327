package io.aiodistbus.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;
import io.aiodistbus.spring.HandlerRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class EntryPointLifecycleTests {

	private final EventBus bus = new EventBus();

	private final HandlerRegistry registry = new HandlerRegistry();

	private final List<String> calls = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.bus.close();
	}

	@Test
	void startShouldRegisterHandlersBeforeConnecting() {
		this.registry.register("default", "hello", (event) -> {
			this.calls.add("handled");
			return null;
		}, "test handler");
		LocalEntryPoint entryPoint = new LocalEntryPoint();
		EntryPointLifecycle lifecycle = new EntryPointLifecycle(entryPoint, this.registry, List.of("default"), true, () -> {
			// what a broker may send the moment the client is connected
			entryPoint.connect(this.bus);
			this.bus.entryPoint().emit("hello");
		}, Duration.ofSeconds(1), null);
		lifecycle.start();
		assertThat(this.calls).containsExactly("handled");
		assertThat(lifecycle.isRunning()).isTrue();
	}

	@Test
	void stopShouldLeaveALocalEntryPointDeliveringUntilItCloses() {
		this.registry.register("default", "hello", (event) -> {
			this.calls.add("handled");
			return null;
		}, "test handler");
		LocalEntryPoint entryPoint = this.bus.entryPoint();
		EntryPointLifecycle lifecycle = new EntryPointLifecycle(entryPoint, this.registry, List.of("default"), true, () -> {
		}, Duration.ofSeconds(1), null);
		lifecycle.start();
		lifecycle.stop();
		assertThat(lifecycle.isRunning()).isFalse();
		// the application's own requests may still be emitting: the entry point closes with its bean
		entryPoint.emit("hello");
		assertThat(entryPoint.isClosed()).isFalse();
		assertThat(this.calls).containsExactly("handled");
		lifecycle.start();
		assertThat(lifecycle.isRunning()).isTrue();
	}

}
