package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.aiodistbus.EntryPointStateException;
import io.aiodistbus.contract.Catcher;
import io.aiodistbus.local.EventBus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A client's life: connecting to nothing, emitting too early, joining a running bus, losing the
 * broker's pulse, surviving a broker restart, and leaving no thread behind.
 */
class ClientLifecycleTests {

	private static final String HOST = "127.0.0.1";

	private final List<AutoCloseable> resources = new ArrayList<>();

	@BeforeAll
	static void generousTimeouts() {
		Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
		Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
	}

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	private <T extends AutoCloseable> T closed(T resource) {
		this.resources.add(resource);
		return resource;
	}

	private DEventBus broker() {
		return closed(new DEventBus());
	}

	private DEntryPoint client() {
		return client(ClientOptions.defaults());
	}

	private DEntryPoint client(ClientOptions options) {
		return closed(new DEntryPoint(options.withConnectTimeout(Duration.ofSeconds(20))));
	}

	@Test
	void connectWhereNoBrokerListensTimesOutNamingTheEndpoint() {
		int port;
		try (DEventBus gone = new DEventBus()) {
			port = gone.port();
		}
		Set<Thread> baseline = busThreads();
		DEntryPoint client = client();
		long start = System.nanoTime();

		assertThatExceptionOfType(ConnectTimeoutException.class)
			.isThrownBy(() -> client.connect(HOST, port, Duration.ofMillis(800)))
			.withMessageContaining(HOST + ":" + port)
			.satisfies((ex) -> assertThat(ex.endpoint()).isEqualTo(HOST + ":" + port));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(800),
				Duration.ofSeconds(15));
		assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
		assertThatExceptionOfType(EntryPointStateException.class).isThrownBy(() -> client.connect(HOST, port));
		awaitNoNewBusThreads(baseline);
	}

	@Test
	void connectTimeoutSaysWhenTheHandshakeWasAnsweredButNoProbeCameBack() throws Exception {
		try (FakePythonBroker deaf = new FakePythonBroker(false)) {
			DEntryPoint client = client();

			assertThatExceptionOfType(ConnectTimeoutException.class)
				.isThrownBy(() -> client.connect(HOST, deaf.port(), Duration.ofMillis(1_500)))
				.withMessageContaining(HOST + ":" + deaf.port())
				.withMessageContaining("handshake answered");
			assertThat(deaf.handshakeRequests).isNotEmpty();
			assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
		}
	}

	@Test
	void emitBeforeConnectThrows() {
		DEntryPoint client = client();

		assertThatExceptionOfType(EntryPointStateException.class).isThrownBy(() -> client.emit("early", "x"))
			.withMessageContaining("connect");
		assertThatExceptionOfType(EntryPointStateException.class).isThrownBy(() -> client.emit("early"));
		assertThat(client.state()).isEqualTo(ConnectionState.NEW);
	}

	@Test
	void freshClientReceivesWhatIsEmittedRightAfterItsConnectReturns() {
		DEventBus broker = broker();
		DEntryPoint sender = client();
		sender.connect(HOST, broker.port());

		for (int i = 0; i < 30; i++) {
			try (DEntryPoint fresh = new DEntryPoint(ClientOptions.defaults()
				.withConnectTimeout(Duration.ofSeconds(20)))) {
				Catcher<String> catcher = new Catcher<>();
				fresh.on("join", String.class, catcher);
				fresh.connect(HOST, broker.port());

				sender.emit("join", "event " + i);

				assertThat(catcher.awaitOne()).as("iteration %d", i).isEqualTo("event " + i);
			}
		}
	}

	@Test
	void handlerAddedAfterConnectIsLiveWhenOnReturns() {
		DEventBus broker = broker();
		DEntryPoint sender = client();
		sender.connect(HOST, broker.port());

		for (int i = 0; i < 30; i++) {
			try (DEntryPoint fresh = new DEntryPoint(ClientOptions.defaults()
				.withConnectTimeout(Duration.ofSeconds(20)))) {
				fresh.connect(HOST, broker.port());
				Catcher<String> catcher = new Catcher<>();
				fresh.on("late." + i, String.class, catcher);

				sender.emit("late." + i, "event " + i);

				assertThat(catcher.awaitOne()).as("iteration %d", i).isEqualTo("event " + i);
			}
		}
	}

	@Test
	void brokerAndClientsLeaveNoThreadBehind() {
		Set<Thread> baseline = busThreads();
		DEventBus broker = new DEventBus();
		EventBus local = new EventBus();
		Catcher<String> forwarded = new Catcher<>();
		local.entryPoint().on("chat", String.class, forwarded);
		broker.forward(local, "chat");
		List<DEntryPoint> clients = new ArrayList<>();
		List<Catcher<String>> catchers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			DEntryPoint client = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)));
			Catcher<String> catcher = new Catcher<>();
			client.on("chat", String.class, catcher);
			client.connect(HOST, broker.port());
			clients.add(client);
			catchers.add(catcher);
		}
		for (int i = 0; i < 3; i++) {
			clients.get(i).emit("chat", "from " + i);
		}
		for (Catcher<String> catcher : catchers) {
			assertThat(catcher.awaitCount(3)).containsExactlyInAnyOrder("from 0", "from 1", "from 2");
		}
		assertThat(forwarded.awaitCount(3)).containsExactlyInAnyOrder("from 0", "from 1", "from 2");
		assertThat(newBusThreads(baseline)).as("threads while running").isNotEmpty();

		clients.forEach(DEntryPoint::close);
		broker.close();
		local.close();

		awaitNoNewBusThreads(baseline);
	}

	@Test
	void lostPulseDisruptsOnceAndClosesWithoutReconnect() {
		DEventBus broker = closed(new DEventBus(BrokerOptions.defaults().withPulse(Duration.ofHours(1))));
		Set<Thread> baseline = busThreads();
		DEntryPoint client = client(ClientOptions.defaults()
			.withPulseCheckInterval(Duration.ofMillis(100))
			.withPulseLimit(2)
			.withReconnect(false));
		AtomicInteger disruptions = new AtomicInteger();
		List<ConnectionState> states = new CopyOnWriteArrayList<>();
		client.onDisrupt(disruptions::incrementAndGet);
		client.addStateListener(states::add);
		client.connect(HOST, broker.port());

		await().until(() -> client.state() == ConnectionState.CLOSED);
		// once its threads are gone, nothing can call the callback again
		awaitNoNewBusThreads(baseline);

		assertThat(disruptions).hasValue(1);
		assertThat(states).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED,
				ConnectionState.DISRUPTED, ConnectionState.CLOSED);
		assertThat(broker.isRunning()).isTrue();
	}

	@Test
	void clientReconnectsToABrokerRestartedOnTheSamePort() {
		DEventBus first = new DEventBus();
		int port = first.port();
		DEntryPoint client = client();
		List<ConnectionState> states = new CopyOnWriteArrayList<>();
		AtomicInteger disruptions = new AtomicInteger();
		Catcher<String> catcher = new Catcher<>();
		client.addStateListener(states::add);
		client.onDisrupt(disruptions::incrementAndGet);
		client.on("after.restart", String.class, catcher);
		client.connect(HOST, port);

		first.close();

		await().until(() -> states.contains(ConnectionState.DISRUPTED)
				&& client.state() == ConnectionState.CONNECTING);

		DEventBus second = closed(new DEventBus(HOST, port));

		await().atMost(Duration.ofSeconds(20)).until(() -> client.state() == ConnectionState.CONNECTED);
		assertThat(client.stats().reconnects()).isGreaterThanOrEqualTo(1);
		DEntryPoint other = client();
		other.connect(HOST, second.port());
		other.emit("after.restart", "back");

		assertThat(catcher.awaitOne()).isEqualTo("back");
		assertThat(states).startsWith(ConnectionState.CONNECTING, ConnectionState.CONNECTED,
				ConnectionState.DISRUPTED, ConnectionState.CONNECTING);
		assertThat(states.get(states.size() - 1)).isEqualTo(ConnectionState.CONNECTED);
		assertThat(disruptions).hasValue(1);
	}

	@Test
	void closingAClientThatIsReconnectingLeavesNoThreadBehind() {
		Set<Thread> baseline = busThreads();
		DEventBus broker = new DEventBus();
		DEntryPoint client = client();
		client.connect(HOST, broker.port());
		broker.close();
		await().until(() -> client.state() == ConnectionState.CONNECTING);

		client.close();

		assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
		awaitNoNewBusThreads(baseline);
	}

	@Test
	void closeWhileADisruptionIsHandledIsFinal() throws Exception {
		DEventBus broker = broker();
		DEntryPoint client = client();
		CountDownLatch closedSet = new CountDownLatch(1);
		AtomicReference<Thread> closer = new AtomicReference<>();
		client.addStateListener((state) -> {
			if (state == ConnectionState.CLOSED) {
				closedSet.countDown();
			}
		});
		// the application closes the client (say, at shutdown) while the I/O thread handles the
		// broker's close: the callback returns only once close() has marked the client closed
		client.onDisrupt(() -> {
			Thread thread = new Thread(client::close, "test-closer");
			closer.set(thread);
			thread.start();
			try {
				closedSet.await(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		client.connect(HOST, broker.port());

		broker.close();

		await().until(() -> closer.get() != null);
		closer.get().join(20_000);
		assertThat(closer.get().isAlive()).isFalse();
		assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
		assertThat(client.isClosed()).isTrue();
		assertThatExceptionOfType(EntryPointStateException.class).isThrownBy(() -> client.emit("late", "x"));
	}

	@Test
	void clientClosedByItsOwnDisruptCallbackStaysClosed() {
		DEventBus broker = broker();
		Set<Thread> baseline = busThreads();
		DEntryPoint client = client();
		client.onDisrupt(client::close);
		client.connect(HOST, broker.port());

		broker.close();

		await().until(() -> client.state() == ConnectionState.CLOSED);
		awaitNoNewBusThreads(baseline);
		assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
	}

	@Test
	void clientClosedByItsOwnHandlerLeavesNoThreadBehind() {
		DEventBus broker = broker();
		DEntryPoint sender = client();
		sender.connect(HOST, broker.port());
		Set<Thread> baseline = busThreads();
		DEntryPoint client = client();
		client.on("bye", client::close);
		client.connect(HOST, broker.port());

		sender.emit("bye");

		await().until(() -> client.state() == ConnectionState.CLOSED);
		awaitNoNewBusThreads(baseline);
	}

	private static Set<Thread> busThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && (thread.getName().startsWith("aiodistbus-")
					|| thread.getName().startsWith("reaper-") || thread.getName().startsWith("iothread-")))
			.collect(Collectors.toSet());
	}

	private static Set<String> newBusThreads(Set<Thread> baseline) {
		Set<Thread> now = new HashSet<>(busThreads());
		now.removeAll(baseline);
		return now.stream().map(Thread::getName).collect(Collectors.toSet());
	}

	private static void awaitNoNewBusThreads(Set<Thread> baseline) {
		await().untilAsserted(() -> assertThat(newBusThreads(baseline)).as("threads left behind").isEmpty());
	}
}
