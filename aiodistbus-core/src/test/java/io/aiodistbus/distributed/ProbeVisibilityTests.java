package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.event.ReservedTopics;
import io.aiodistbus.internal.wire.Crc32s;
import io.aiodistbus.internal.wire.EventJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Python {@code on("*")} subscribes its SUB socket to the empty prefix and hands its handlers every
 * topic but exactly {@value ReservedTopics#PULSE} and {@value ReservedTopics#CLOSE}. What our clients do
 * to prove their subscriptions (connect, {@code on()} after connect, reconnect) must not show up there,
 * on our broker or on a Python one.
 */
class ProbeVisibilityTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final List<String> PYTHON_WILDCARD_BLACKLIST = List.of(ReservedTopics.PULSE,
			ReservedTopics.CLOSE);

	@Test
	void ourBrokerPublishesNothingForProbes() throws Exception {
		try (DEventBus broker = new DEventBus(BrokerOptions.defaults().withPulse(Duration.ofMillis(50)));
				ZContext context = new ZContext(1);
				EmptyPrefixSubscriber python = new EmptyPrefixSubscriber(context, broker.port())) {
			// live once it hears the broker's own pulse
			python.awaitTopic(ReservedTopics.PULSE);
			exerciseProbes(broker.port());
			broker.close();
			python.awaitTopic(ReservedTopics.CLOSE);

			assertThat(python.topicsHandedToWildcards()).containsExactly("visible.marker");
			assertThat(python.pulsesWithClientStamp()).isZero();
			assertThat(broker.stats().dropped().values()).allMatch((count) -> count == 0);
		}
	}

	@Test
	void onAPythonBrokerProbesTravelOnlyAsPulses() throws Exception {
		try (FakePythonBroker broker = new FakePythonBroker(); ZContext context = new ZContext(1);
				EmptyPrefixSubscriber python = new EmptyPrefixSubscriber(context, broker.port())) {
			ZMQ.Socket push = context.createSocket(SocketType.PUSH);
			// JeroMQ 0.6.0 can leave a fresh connection's handshake hanging until this interval
			push.setHandshakeIvl(500);
			push.connect("tcp://127.0.0.1:" + (broker.port() + 2));
			// live once a relayed event of its own comes back
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
				pushEvent(push, "subscriber.ready");
				return python.topics().contains("subscriber.ready");
			});
			exerciseProbes(broker.port());
			pushEvent(push, "subscriber.done");
			python.awaitTopic("subscriber.done");

			assertThat(python.topicsHandedToWildcards()).containsOnly("subscriber.ready", "visible.marker",
					"subscriber.done");
			// the probes were there, but only as pulses, which Python's wildcards never get
			assertThat(python.pulsesWithClientStamp()).isPositive();
		}
	}

	@Test
	void pulsesThatCarryAClientIdAreNotTakenForTheBrokerHeartbeat() throws Exception {
		try (FakePythonBroker broker = new FakePythonBroker(); DEntryPoint watcher = new DEntryPoint();
				DEntryPoint other = new DEntryPoint()) {
			List<String> pulsesHandled = new CopyOnWriteArrayList<>();
			watcher.on(ReservedTopics.PULSE, (event) -> pulsesHandled.add(event.id()));
			watcher.connect("127.0.0.1", broker.port(), Duration.ofSeconds(20));
			other.connect("127.0.0.1", broker.port(), Duration.ofSeconds(20));
			other.on("late.type", (event) -> {
			});
			CountDownLatch marker = new CountDownLatch(1);
			watcher.on("visible.marker", (event) -> marker.countDown());
			other.emit("visible.marker", 1);
			assertThat(marker.await(20, TimeUnit.SECONDS)).isTrue();

			assertThat(pulsesHandled).isEmpty();
			assertThat(watcher.stats().pulses()).isZero();
		}
	}

	/** Connects, subscribes after connecting, connects a second client, and emits one visible event. */
	private static void exerciseProbes(int port) throws InterruptedException {
		try (DEntryPoint first = new DEntryPoint(); DEntryPoint second = new DEntryPoint()) {
			first.connect("127.0.0.1", port, Duration.ofSeconds(20));
			CountDownLatch late = new CountDownLatch(1);
			first.on("late.type", (event) -> late.countDown());
			second.on("*", (event) -> {
			});
			second.connect("127.0.0.1", port, Duration.ofSeconds(20));
			second.on("another.type", (event) -> {
			});
			CountDownLatch visible = new CountDownLatch(1);
			second.on("visible.marker", (event) -> visible.countDown());
			first.emit("visible.marker", "seen by everyone");
			assertThat(visible.await(20, TimeUnit.SECONDS)).isTrue();
		}
	}

	private static void pushEvent(ZMQ.Socket push, String type) {
		byte[] json = EventJson.write(type, "1".getBytes(StandardCharsets.US_ASCII), "builtins.int",
				java.util.UUID.randomUUID().toString(), "2026-12-01T00:00:00.000000");
		push.sendMore(type);
		push.sendMore(json);
		push.send(Crc32s.checksum(json));
	}

	/**
	 * A SUB socket on the empty prefix that records every message, as a Python {@code on("*")} has. Its
	 * thread owns the socket from creation to close.
	 */
	private static final class EmptyPrefixSubscriber implements AutoCloseable {

		private final List<List<byte[]>> received = new CopyOnWriteArrayList<>();

		private final Thread reader;

		private volatile boolean stopping;

		EmptyPrefixSubscriber(ZContext context, int port) {
			this.reader = new Thread(() -> read(context, port), "empty-prefix-subscriber");
			this.reader.setDaemon(true);
			this.reader.start();
		}

		private void read(ZContext context, int port) {
			ZMQ.Socket socket = context.createSocket(SocketType.SUB);
			// JeroMQ 0.6.0 can leave a fresh connection's handshake hanging until this interval
			socket.setHandshakeIvl(500);
			socket.setReceiveTimeOut(50);
			socket.subscribe(new byte[0]);
			socket.connect("tcp://127.0.0.1:" + (port + 1));
			while (!this.stopping) {
				byte[] first = socket.recv(0);
				if (first == null) {
					continue;
				}
				List<byte[]> frames = new ArrayList<>(List.of(first));
				while (socket.hasReceiveMore()) {
					frames.add(socket.recv(0));
				}
				this.received.add(frames);
			}
			context.destroySocket(socket);
		}

		@Override
		public void close() throws InterruptedException {
			this.stopping = true;
			this.reader.join(10_000);
		}

		List<String> topics() {
			return this.received.stream().map((frames) -> new String(frames.get(0), StandardCharsets.UTF_8)).toList();
		}

		/** Python's rule: its wildcard handlers get every topic frame but the two of its blacklist. */
		List<String> topicsHandedToWildcards() {
			return topics().stream().filter((topic) -> !PYTHON_WILDCARD_BLACKLIST.contains(topic)).toList();
		}

		long pulsesWithClientStamp() throws Exception {
			long count = 0;
			for (List<byte[]> frames : this.received) {
				if (new String(frames.get(0), StandardCharsets.UTF_8).equals(ReservedTopics.PULSE)) {
					JsonNode json = JSON.readTree(frames.get(1));
					count += json.has("src") ? 1 : 0;
				}
			}
			return count;
		}

		void awaitTopic(String topic) {
			await().atMost(Duration.ofSeconds(20)).until(() -> topics().contains(topic));
		}
	}
}
