package io.aiodistbus.nats;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.aiodistbus.distributed.ConnectionState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three real nats-servers in a cluster on loopback, a publisher on one node and a subscriber on another;
 * under load, the node one of them is connected to dies ({@code kill -9}). The client fails over by itself,
 * delivery resumes, and the loss the subscriber's entry point counts from sequence numbers is exactly the
 * loss its own check of the payloads (a counter the publisher emits) sees. Then the node comes back and
 * serves again.
 */
class ClusterFailoverTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	/** About 10,000 events per second: load, without starving the two cores the test shares. */
	private static final long EMIT_INTERVAL_NANOS = 100_000;

	private NatsCluster cluster;

	private NatsEntryPoint publisher;

	private NatsEntryPoint subscriber;

	private final PayloadCheck check = new PayloadCheck();

	private final AtomicBoolean emitting = new AtomicBoolean(true);

	private final AtomicLong emitted = new AtomicLong();

	private Thread load;

	@BeforeEach
	void startCluster() {
		this.cluster = new NatsCluster(3);
	}

	@AfterEach
	void stopEverything() throws InterruptedException {
		this.emitting.set(false);
		if (this.load != null) {
			this.load.join(10_000);
		}
		if (this.publisher != null) {
			this.publisher.close();
		}
		if (this.subscriber != null) {
			this.subscriber.close();
		}
		this.cluster.close();
	}

	@ParameterizedTest(name = "kill the {0}'s node")
	@ValueSource(strings = { "subscriber", "publisher" })
	void clientFailsOverAndCountsExactlyTheLossItsSubscriberSees(String victim) {
		// each given one node: the cluster tells them of the others
		this.publisher = entryPoint("publisher", List.of(this.cluster.node(0).url()));
		this.subscriber = entryPoint("subscriber", List.of(this.cluster.node(1).url()));
		this.subscriber.on("load.counter", Long.class, this.check);
		this.publisher.connect();
		this.subscriber.connect();
		startLoad();
		await().atMost(TIMEOUT).until(() -> this.check.received() >= 2_000);

		NatsEntryPoint client = victim.equals("subscriber") ? this.subscriber : this.publisher;
		NatsServerProcess node = nodeOf(client);
		List<ConnectionState> states = new java.util.concurrent.CopyOnWriteArrayList<>();
		client.addStateListener(states::add);
		AtomicLong disruptions = new AtomicLong();
		client.onDisrupt(disruptions::incrementAndGet);
		node.kill();

		await().atMost(TIMEOUT).until(() -> client.stats().reconnects() >= 1
				&& client.state() == ConnectionState.CONNECTED);
		assertThat(states).containsSubsequence(ConnectionState.DISRUPTED, ConnectionState.CONNECTING,
				ConnectionState.CONNECTED);
		// jnats may land on a node that is still learning of the dead one and move on: every disruption
		// ends in a reconnect of its own
		assertThat(disruptions.get()).isPositive().isEqualTo(client.stats().reconnects());
		assertThat(client.stats().server()).isNotEqualTo(node.url());
		long resumedAt = this.check.received();
		await().atMost(TIMEOUT).until(() -> this.check.received() >= resumedAt + 2_000);

		this.emitting.set(false);
		long last = awaitLoadStopped();
		await().atMost(TIMEOUT).until(() -> this.check.last() == last);
		NatsStats stats = this.subscriber.stats();
		assertThat(stats.lost()).as("loss counted from sequence numbers").isEqualTo(this.check.gaps());
		assertThat(stats.outOfOrder()).isEqualTo(this.check.backwards()).isZero();
		assertThat(stats.epochs()).isZero();
		assertThat(this.check.received() + this.check.gaps()).isEqualTo(last - this.check.first() + 1);
		if (victim.equals("subscriber")) {
			assertThat(this.check.gaps()).as("what was published while the subscriber was away is lost")
				.isPositive();
		}

		node.restart();
		try (NatsEntryPoint late = entryPoint("late", List.of(node.url()))) {
			late.on("load.after", String.class, (payload) -> this.check.after());
			late.connect();
			await().atMost(TIMEOUT).untilAsserted(() -> {
				this.publisher.emit("load.after", "again");
				assertThat(this.check.afterRestart()).isPositive();
			});
		}
	}

	private NatsEntryPoint entryPoint(String name, List<String> servers) {
		return new NatsEntryPoint(NatsOptions.builder()
			.servers(servers)
			.connectionName(name)
			.subjectPrefix("failover")
			.reconnectWait(Duration.ofMillis(100))
			.connectTimeout(Duration.ofSeconds(10))
			.build());
	}

	private NatsServerProcess nodeOf(NatsEntryPoint client) {
		String url = client.stats().server();
		for (int i = 0; i < 3; i++) {
			if (url.endsWith(":" + this.cluster.node(i).port())) {
				return this.cluster.node(i);
			}
		}
		throw new IllegalStateException(client + " is connected to no node of the cluster: " + url);
	}

	private void startLoad() {
		this.load = new Thread(() -> {
			long next = System.nanoTime();
			while (this.emitting.get()) {
				this.publisher.emit("load.counter", this.emitted.incrementAndGet());
				next += EMIT_INTERVAL_NANOS;
				// pacing the publisher, not waiting for delivery
				LockSupport.parkNanos(next - System.nanoTime());
			}
		}, "failover-load");
		this.load.start();
	}

	private long awaitLoadStopped() {
		try {
			this.load.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		assertThat(this.load.isAlive()).isFalse();
		return this.emitted.get();
	}

	/** The subscriber's own check of the counter it receives. */
	private static final class PayloadCheck implements java.util.function.Consumer<Long> {

		private final AtomicLong received = new AtomicLong();

		private final AtomicLong gaps = new AtomicLong();

		private final AtomicLong backwards = new AtomicLong();

		private final AtomicLong afterRestart = new AtomicLong();

		private volatile long first;

		private volatile long last;

		@Override
		public void accept(Long value) {
			if (this.received.getAndIncrement() == 0) {
				this.first = value;
			}
			else if (value > this.last + 1) {
				this.gaps.addAndGet(value - this.last - 1);
			}
			else if (value <= this.last) {
				this.backwards.incrementAndGet();
				return;
			}
			this.last = value;
		}

		long received() {
			return this.received.get();
		}

		long gaps() {
			return this.gaps.get();
		}

		long backwards() {
			return this.backwards.get();
		}

		long first() {
			return this.first;
		}

		long last() {
			return this.last;
		}

		void after() {
			this.afterRestart.incrementAndGet();
		}

		long afterRestart() {
			return this.afterRestart.get();
		}
	}
}
