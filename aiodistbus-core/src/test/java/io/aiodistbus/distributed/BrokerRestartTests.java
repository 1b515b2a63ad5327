package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker that goes away and comes back on the same port, twice, while a client publishes: both clients
 * reconnect by themselves, events flow again, and what was lost in between is counted, not silent.
 */
class BrokerRestartTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int MAX_EVENTS = 200_000;

	private static final String TYPE = "restart.n";

	private static final int RESTARTS = 2;

	private volatile DEventBus broker = new DEventBus(BrokerOptions.defaults());

	private final List<DEntryPoint> clients = new CopyOnWriteArrayList<>();

	private final AtomicBoolean stop = new AtomicBoolean();

	private Thread publishing;

	@AfterEach
	void close() throws InterruptedException {
		this.stop.set(true);
		if (this.publishing != null) {
			this.publishing.join(TIMEOUT.toMillis());
		}
		this.clients.forEach(DEntryPoint::close);
		this.broker.close();
	}

	private DEntryPoint client() {
		DEntryPoint client = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)));
		this.clients.add(client);
		return client;
	}

	@Test
	void clientsReconnectToARestartedBrokerAndCountWhatTheyMissed() throws InterruptedException {
		int port = this.broker.port();
		Set<Integer> seen = ConcurrentHashMap.newKeySet();
		AtomicInteger received = new AtomicInteger();
		AtomicInteger duplicates = new AtomicInteger();
		AtomicInteger highest = new AtomicInteger();
		DEntryPoint receiver = client();
		receiver.on(TYPE, Integer.class, (value) -> {
			if (!seen.add(value)) {
				duplicates.incrementAndGet();
			}
			highest.accumulateAndGet(value, Math::max);
			received.incrementAndGet();
		});
		receiver.connect("127.0.0.1", port);
		DEntryPoint publisher = client();
		publisher.connect("127.0.0.1", port);
		AtomicInteger lastEmitted = new AtomicInteger();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		this.publishing = new Thread(() -> {
			try {
				for (int i = 1; i <= MAX_EVENTS && !this.stop.get(); i++) {
					publisher.emit(TYPE, i);
					lastEmitted.set(i);
					LockSupport.parkNanos(50_000);
				}
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "restart-publisher");
		this.publishing.start();

		Awaitility.await("events flow before the restart").atMost(TIMEOUT).until(() -> received.get() >= 500);
		int beforeRestart = 0;
		int reconnected = 0;
		for (int restart = 1; restart <= RESTARTS; restart++) {
			this.broker.close();
			beforeRestart = received.get();
			this.broker = new DEventBus("127.0.0.1", port);
			int restarts = restart;
			Awaitility.await("both clients reconnect to the new broker")
				.atMost(TIMEOUT)
				.until(() -> publisher.stats().reconnects() >= restarts && receiver.stats().reconnects() >= restarts
						&& publisher.state() == ConnectionState.CONNECTED
						&& receiver.state() == ConnectionState.CONNECTED);
			int flowing = received.get();
			reconnected = flowing;
			Awaitility.await("events flow again through the new broker")
				.atMost(TIMEOUT)
				.until(() -> received.get() >= flowing + 500);
		}
		this.stop.set(true);
		this.publishing.join(TIMEOUT.toMillis());
		assertThat(this.publishing.isAlive()).isFalse();
		assertThat(failure.get()).isNull();

		int last = lastEmitted.get();
		Awaitility.await("the receiver accounts for every event up to the highest it saw")
			.atMost(TIMEOUT)
			.until(() -> highest.get() == last && received.get() + receiver.stats().lost() == highest.get());
		ClientStats stats = receiver.stats();
		System.out.println("broker restart: emitted=" + last + " (handed to the socket " + publisher.stats().emitted()
				+ ", refused " + publisher.stats().droppedTotal() + "), received=" + received.get()
				+ " (before the last restart " + beforeRestart + ", at the last reconnection " + reconnected + "), lost="
				+ stats.lost() + ", highest=" + highest.get() + ", reconnects publisher=" + publisher.stats().reconnects()
				+ " receiver=" + stats.reconnects());
		assertThat(received.get() + stats.lost()).isEqualTo(highest.get());
		assertThat(duplicates.get()).isZero();
		assertThat(stats.outOfOrder()).isZero();
		assertThat(publisher.stats().reconnects()).isGreaterThanOrEqualTo(RESTARTS);
		assertThat(stats.reconnects()).isGreaterThanOrEqualTo(RESTARTS);
		assertThat(this.broker.isRunning()).isTrue();
	}
}
