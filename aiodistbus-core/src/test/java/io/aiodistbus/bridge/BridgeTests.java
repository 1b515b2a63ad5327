package io.aiodistbus.bridge;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.EntryPointStateException;
import io.aiodistbus.contract.Catcher;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.event.Event;
import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class BridgeTests {

	private final DEventBus broker = new DEventBus();

	private final EventBus bus = new EventBus();

	private final DEntryPoint remote = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)));

	@AfterEach
	void close() {
		this.remote.close();
		this.bus.close();
		this.broker.close();
	}

	@Test
	void forwardCarriesLocalEventsToTheBrokerWithTheirIds() {
		Catcher<Event> remoteCatcher = new Catcher<>();
		this.remote.on("chat.*", remoteCatcher);
		this.remote.connect("127.0.0.1", this.broker.port());
		Bridge.forward(this.bus, "127.0.0.1", this.broker.port(), "chat.*");

		Event sent = this.bus.entryPoint().emit("chat.message", "hi");

		Event received = remoteCatcher.awaitOne();
		assertThat(received.id()).isEqualTo(sent.id());
		assertThat(received.data()).isEqualTo("hi");
	}

	@Test
	void bridgesCarryHeadersBothWays() {
		Catcher<Event> remoteCatcher = new Catcher<>();
		this.remote.on("out", remoteCatcher);
		LocalEntryPoint local = this.bus.entryPoint();
		Catcher<Event> localCatcher = new Catcher<>();
		local.on("in", localCatcher);
		this.remote.connect("127.0.0.1", this.broker.port());
		Bridge.link(this.bus, "127.0.0.1", this.broker.port(), List.of("out"), List.of("in"));

		local.emit("out", "to remote", null, Map.of("traceparent", "00-local-01"));
		this.remote.emit("in", "to local", null, Map.of("traceparent", "00-remote-01"));

		assertThat(remoteCatcher.awaitOne().headers()).containsExactlyEntriesOf(Map.of("traceparent", "00-local-01"));
		assertThat(localCatcher.awaitOne().headers()).containsExactlyEntriesOf(Map.of("traceparent", "00-remote-01"));
	}

	@Test
	void listenBringsRemoteEventsToTheLocalBus() {
		LocalEntryPoint local = this.bus.entryPoint();
		Catcher<String> localCatcher = new Catcher<>();
		local.on("news", String.class, localCatcher);
		Bridge.listen(this.bus, "127.0.0.1", this.broker.port(), "news");
		this.remote.connect("127.0.0.1", this.broker.port());

		this.remote.emit("news", "extra");

		assertThat(localCatcher.awaitOne()).isEqualTo("extra");
	}

	@Test
	void deforwardStopsForwarding() {
		Catcher<Event> remoteCatcher = new Catcher<>();
		this.remote.on("*", remoteCatcher);
		this.remote.connect("127.0.0.1", this.broker.port());
		Bridge.forward(this.bus, "127.0.0.1", this.broker.port());
		LocalEntryPoint local = this.bus.entryPoint();
		local.emit("before");
		remoteCatcher.awaitOne();

		Bridge.deforward(this.bus, "127.0.0.1", this.broker.port());
		local.emit("after");
		this.remote.emit("barrier");

		List<Event> received = remoteCatcher.awaitCount(2);
		assertThat(received).extracting(Event::type).containsExactly("before", "barrier");
	}

	@Test
	void linkBothWaysDeliversEachEventOnceOnEachSide() {
		LocalEntryPoint local = this.bus.entryPoint();
		Catcher<Event> localCatcher = new Catcher<>();
		local.on("*", localCatcher);
		Catcher<Event> remoteCatcher = new Catcher<>();
		this.remote.on("*", remoteCatcher);
		this.remote.connect("127.0.0.1", this.broker.port());
		Bridge.link(this.bus, "127.0.0.1", this.broker.port(), List.of("*"), List.of("*"));

		Event fromLocal = local.emit("ping", 1);
		Event fromRemote = this.remote.emit("pong", 2);
		this.remote.emit("barrier");
		local.emit("barrier.local");

		remoteCatcher.awaitCount(4);
		localCatcher.awaitCount(4);
		this.remote.emit("barrier.final");
		List<Event> remoteSide = remoteCatcher.awaitCount(5);
		List<Event> localSide = localCatcher.awaitCount(5);
		assertThat(remoteSide).extracting(Event::id).doesNotHaveDuplicates();
		assertThat(localSide).extracting(Event::id).doesNotHaveDuplicates();
		assertThat(remoteSide).extracting(Event::id).contains(fromLocal.id(), fromRemote.id());
		assertThat(localSide).extracting(Event::id).contains(fromLocal.id(), fromRemote.id());
		assertThat(remoteSide).hasSize(5);
		assertThat(localSide).hasSize(5);
	}

	@Test
	void brokerForwardsRelayedEventsToALocalBus() {
		LocalEntryPoint local = this.bus.entryPoint();
		Catcher<String> localCatcher = new Catcher<>();
		local.on("relay.*", String.class, localCatcher);
		this.broker.forward(this.bus, "relay.*");
		this.remote.connect("127.0.0.1", this.broker.port());

		this.remote.emit("relay.one", "r");

		assertThat(localCatcher.awaitOne()).isEqualTo("r");
	}

	@Test
	void closingTheBusClosesTheBridgesItOwns() {
		Bridge.listen(this.bus, "127.0.0.1", this.broker.port(), "news");
		await().until(() -> this.broker.stats().connectedClients() == 1);

		this.bus.close();

		await().until(() -> this.broker.stats().connectedClients() == 0);
	}

	@Test
	void bridgingAClosedBusFails() {
		this.bus.close();

		assertThatExceptionOfType(EntryPointStateException.class)
			.isThrownBy(() -> Bridge.forward(this.bus, "127.0.0.1", this.broker.port()))
			.withMessageContaining("the event bus is closed");
	}
}
