package io.aiodistbus.nats;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.contract.EventBusContractTests;

/**
 * The shared suite on a real nats-server. Entry points run with reconnect off, as the ZeroMQ suite's
 * clients do, and "closing the bus" is its announced close ({@link NatsEntryPoint#announceClose()}), the
 * NATS counterpart of the broker publishing its close. One server serves the class; each test uses a
 * subject prefix of its own, so that nothing one test left in flight reaches the next.
 */
class NatsEventBusContractTests extends EventBusContractTests {

	private static NatsServerProcess server;

	private static int tests;

	private String prefix;

	private boolean busClosed;

	@BeforeAll
	static void startServer() {
		server = NatsServerProcess.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void freshPrefix() {
		this.prefix = "contract" + (++tests);
	}

	@Override
	protected EntryPoint newEntryPoint() {
		return new NatsEntryPoint(NatsOptions.builder()
			.servers(server.url())
			.subjectPrefix(this.prefix)
			.reconnect(false)
			.connectTimeout(Duration.ofSeconds(20))
			.build());
	}

	@Override
	protected void connect(EntryPoint entryPoint) {
		((NatsEntryPoint) entryPoint).connect();
	}

	@Override
	protected void closeBus() {
		if (this.busClosed) {
			return;
		}
		this.busClosed = true;
		try (NatsEntryPoint announcer = (NatsEntryPoint) newEntryPoint()) {
			announcer.connect();
			announcer.announceClose();
		}
	}
}
