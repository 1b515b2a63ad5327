package io.aiodistbus.local;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.EntryPointStateException;
import io.aiodistbus.event.Event;
import io.aiodistbus.event.ReservedTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What only the local bus promises: handlers run on the emitting thread and a blocking emit returns
 * after all of them, asynchronous ones included.
 */
class LocalEventBusTests {

	private final EventBus bus = new EventBus();

	@AfterEach
	void close() {
		this.bus.close();
	}

	@Test
	void blockingEmitRunsHandlersOnTheEmittingThreadBeforeReturning() {
		LocalEntryPoint receiver = this.bus.entryPoint();
		List<String> threads = new CopyOnWriteArrayList<>();
		receiver.on("test", (event) -> threads.add(Thread.currentThread().getName()));

		this.bus.entryPoint().emit("test", "x");

		assertThat(threads).containsExactly(Thread.currentThread().getName());
	}

	@Test
	void blockingEmitWaitsForAsynchronousHandlers() throws Exception {
		LocalEntryPoint receiver = this.bus.entryPoint();
		CompletableFuture<Void> stage = new CompletableFuture<>();
		CountDownLatch started = new CountDownLatch(1);
		receiver.onAsync("test", String.class, (payload) -> {
			started.countDown();
			return stage;
		});
		LocalEntryPoint sender = this.bus.entryPoint();

		CompletableFuture<Event> emitting = CompletableFuture.supplyAsync(() -> sender.emit("test", "x"));
		assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
		assertThat(emitting).isNotDone();
		stage.complete(null);

		assertThat(emitting.get(20, TimeUnit.SECONDS).type()).isEqualTo("test");
	}

	@Test
	void failedAsynchronousHandlerIsReportedAndEmitStillReturns() {
		LocalEntryPoint receiver = this.bus.entryPoint();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		receiver.addObserver(new io.aiodistbus.BusObserver() {
			@Override
			public void handlerFailed(Event event, String handler, Throwable error) {
				failures.add(error);
			}
		});
		receiver.onAsync("test", (event) -> CompletableFuture.failedFuture(new IllegalStateException("late boom")));

		this.bus.entryPoint().emit("test");

		assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("late boom");
	}

	@Test
	void emitFromAHandlerReturnsAtOnceAndTheOutermostEmitAfterItsHandlers() {
		LocalEntryPoint receiver = this.bus.entryPoint();
		List<String> threads = new CopyOnWriteArrayList<>();
		AtomicInteger handledWhenInnerEmitReturned = new AtomicInteger(-1);
		AtomicInteger handled = new AtomicInteger();
		receiver.on("a", () -> {
			receiver.emit("b");
			handledWhenInnerEmitReturned.set(handled.get());
		});
		receiver.on("b", () -> {
			threads.add(Thread.currentThread().getName());
			handled.incrementAndGet();
		});

		this.bus.entryPoint().emit("a");

		assertThat(handledWhenInnerEmitReturned).as("b's handlers when the handler's emit returned").hasValue(0);
		assertThat(handled).as("b's handlers when the outermost emit returned").hasValue(1);
		assertThat(threads).containsExactly(Thread.currentThread().getName());
	}

	@Test
	void outermostEmitWaitsForAsynchronousHandlersOfEventsEmittedByHandlers() throws Exception {
		LocalEntryPoint receiver = this.bus.entryPoint();
		CompletableFuture<Void> stage = new CompletableFuture<>();
		CountDownLatch started = new CountDownLatch(1);
		receiver.on("a", () -> receiver.emit("b"));
		receiver.onAsync("b", (event) -> {
			started.countDown();
			return stage;
		});
		LocalEntryPoint sender = this.bus.entryPoint();

		CompletableFuture<Event> emitting = CompletableFuture.supplyAsync(() -> sender.emit("a"));
		assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
		assertThat(emitting).isNotDone();
		stage.complete(null);

		assertThat(emitting.get(20, TimeUnit.SECONDS).type()).isEqualTo("a");
	}

	@Test
	void emitAsyncCompletesAfterHandlersRan() throws Exception {
		LocalEntryPoint receiver = this.bus.entryPoint();
		AtomicInteger calls = new AtomicInteger();
		receiver.on("test", calls::incrementAndGet);

		Event event = this.bus.entryPoint().emitAsync("test", null).get(20, TimeUnit.SECONDS);

		assertThat(event.type()).isEqualTo("test");
		assertThat(calls).hasValue(1);
	}

	@Test
	void closeDeliversReservedCloseEventToExactHandlersOnly() {
		LocalEntryPoint receiver = this.bus.entryPoint();
		List<String> received = new CopyOnWriteArrayList<>();
		receiver.on(ReservedTopics.CLOSE, (event) -> received.add("exact"));
		receiver.on("aiodistbus.*", (event) -> received.add("wildcard"));

		this.bus.close();

		assertThat(received).containsExactly("exact");
		assertThat(receiver.isClosed()).isTrue();
	}

	@Test
	void closedBusRefusesNewEntryPoints() {
		this.bus.close();

		assertThatExceptionOfType(EntryPointStateException.class).isThrownBy(() -> new LocalEntryPoint().connect(this.bus))
			.withMessageContaining("closed");
	}

	@Test
	void connectingTwiceFails() {
		LocalEntryPoint entryPoint = this.bus.entryPoint();

		assertThatExceptionOfType(EntryPointStateException.class).isThrownBy(() -> entryPoint.connect(this.bus))
			.withMessageContaining("already connected");
	}

	@Test
	void malformedPatternIsRejected() {
		LocalEntryPoint entryPoint = this.bus.entryPoint();

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> entryPoint.on("a*b", () -> {
		})).withMessageContaining("a*b");
	}

	@Test
	void closedEntryPointNoLongerReceives() {
		LocalEntryPoint receiver = this.bus.entryPoint();
		AtomicInteger calls = new AtomicInteger();
		receiver.on("test", calls::incrementAndGet);
		LocalEntryPoint sender = this.bus.entryPoint();

		receiver.close();
		sender.emit("test");

		assertThat(calls).hasValue(0);
	}

	@Test
	void typedHandlerConvertsBetweenCompatibleTypes() {
		LocalEntryPoint receiver = this.bus.entryPoint();
		List<Object> received = new CopyOnWriteArrayList<>();
		receiver.on("number", Long.class, received::add);
		receiver.on("record", io.aiodistbus.contract.Greeting.class, received::add);

		LocalEntryPoint sender = this.bus.entryPoint();
		sender.emit("number", 42);
		sender.emit("record", java.util.Map.of("name", "map", "count", 3));

		assertThat(received).containsExactly(42L, new io.aiodistbus.contract.Greeting("map", 3));
	}
}
