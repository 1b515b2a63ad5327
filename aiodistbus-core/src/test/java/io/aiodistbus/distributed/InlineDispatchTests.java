package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where a client runs its handlers through a real broker: on its dispatch thread by default, and a
 * sparse event on its I/O thread when inline dispatch is on.
 */
class InlineDispatchTests {

	private final Loopback loopback = new Loopback(BrokerOptions.defaults());

	@AfterEach
	void close() {
		this.loopback.close();
	}

	@Test
	void withInlineDispatchSparseEventsRunOnTheIoThread() {
		Receiver receiver = new Receiver(ClientOptions.defaults().withInlineDispatch(true));

		// a slow first run (class loading, a cold JIT) sends events through the queue for a while
		await().atMost(Duration.ofSeconds(40)).until(() -> receiver.next().endsWith("-io"));
		assertThat(receiver.values).isSorted().doesNotHaveDuplicates();
	}

	@Test
	void byDefaultEveryEventRunsOnTheDispatchThread() {
		Receiver receiver = new Receiver(ClientOptions.defaults());

		for (int i = 0; i < 20; i++) {
			assertThat(receiver.next()).endsWith("-dispatch");
		}
		assertThat(receiver.values).isSorted().hasSize(20);
	}

	/** A client with one handler, and a sender that emits one event at a time, so that each arrives alone. */
	private final class Receiver {

		private final List<Integer> values = new CopyOnWriteArrayList<>();

		private final List<String> threads = new CopyOnWriteArrayList<>();

		private final DEntryPoint sender;

		Receiver(ClientOptions options) {
			DEntryPoint receiver = InlineDispatchTests.this.loopback.client(options);
			receiver.on("demo.sparse", Integer.class, (value) -> {
				this.values.add(value);
				this.threads.add(Thread.currentThread().getName());
			});
			int port = InlineDispatchTests.this.loopback.broker().port();
			receiver.connect("127.0.0.1", port);
			this.sender = InlineDispatchTests.this.loopback.client(ClientOptions.defaults());
			this.sender.connect("127.0.0.1", port);
		}

		/** @return the thread the next event, emitted once the one before was handled, ran on */
		String next() {
			int handled = this.values.size() + 1;
			this.sender.emit("demo.sparse", handled);
			await().atMost(Duration.ofSeconds(20)).until(() -> this.values.size() == handled);
			return this.threads.get(handled - 1);
		}
	}
}
