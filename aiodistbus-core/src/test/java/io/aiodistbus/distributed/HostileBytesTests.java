package io.aiodistbus.distributed;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.aiodistbus.contract.Catcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an attacker can send from a plain TCP socket, to a broker and, as a broker, to a client: a ZMTP
 * greeting then a frame header announcing a huge (or, read as signed, negative) size, or random bytes.
 * Each must cost the attacker its connection and nothing else.
 */
@Timeout(120)
class HostileBytesTests {

	/** Passes JeroMQ's own size check only without a limit. */
	private static final long TWO_BILLION = 2_000_000_000L;

	/** Negative as a signed long, so it passes JeroMQ's signed check; its low 32 bits ask for 1.6 GB. */
	private static final long NEGATIVE_SIZE = 0xFFFFFFFF60000000L;

	private final CurveKeyPair brokerKeys = CurveKeyPair.generate();

	private final CurveKeyPair alice = CurveKeyPair.generate();

	private final CurveKeyPair bob = CurveKeyPair.generate();

	static Stream<Arguments> hugeFrames() {
		return Stream.of(0, 1, 2).flatMap((offset) -> Stream.of(TWO_BILLION, NEGATIVE_SIZE)
			.flatMap((size) -> Stream.of(false, true).map((curve) -> Arguments.of(offset, size, curve))));
	}

	@ParameterizedTest(name = "port +{0}, size {1}, CURVE {2}")
	@MethodSource("hugeFrames")
	void aHugeFrameHeaderCostsOnlyItsConnection(int offset, long size, boolean curve) throws IOException {
		try (DEventBus broker = broker(curve)) {
			long before = directMemoryUsed();
			HostileZmtp.sendAndAwaitDrop(broker.port() + offset, HostileZmtp.greeting(curve ? "CURVE" : "NULL", false),
					HostileZmtp.longFrameHeader(size));

			// what an unguarded decoder reserved stays reserved until a garbage collection
			assertThat(directMemoryUsed() - before).as("direct memory reserved").isLessThan(64L << 20);
			assertRelays(broker, curve);
		}
	}

	@Test
	void randomBytesAfterAGreetingCostOnlyTheirConnections() throws IOException {
		Random random = new Random(9);
		for (boolean curve : new boolean[] { false, true }) {
			try (DEventBus broker = broker(curve)) {
				int[] ports = new int[100];
				byte[][] messages = new byte[100][];
				for (int connection = 0; connection < 100; connection++) {
					ports[connection] = broker.port() + (connection % 3);
					byte[] noise = new byte[1 + random.nextInt(512)];
					random.nextBytes(noise);
					messages[connection] = ByteBuffer.allocate(64 + noise.length)
						.put(HostileZmtp.greeting(curve ? "CURVE" : "NULL", false))
						.put(noise)
						.array();
				}
				HostileZmtp.sendAllAndAwaitDrops(ports, messages);

				assertRelays(broker, curve);
			}
		}
	}

	static Stream<Long> hostileSizes() {
		return Stream.of(TWO_BILLION, NEGATIVE_SIZE);
	}

	@ParameterizedTest(name = "size {0}")
	@MethodSource("hostileSizes")
	void aClientSurvivesAHostileBrokerAndConnectsOnceTheBrokerIsReal(long size) throws IOException {
		try (DEventBus broker = new DEventBus();
				HostileZmtp.Broker hostile = new HostileZmtp.Broker(size, 1, broker.port());
				DEntryPoint victim = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)));
				DEntryPoint sender = new DEntryPoint()) {
			Catcher<String> catcher = new Catcher<>();
			victim.on("hostile.check", String.class, catcher);

			victim.connect("127.0.0.1", hostile.port());
			sender.connect("127.0.0.1", broker.port());
			sender.emit("hostile.check", "survived");

			assertThat(catcher.awaitOne()).isEqualTo("survived");
			assertThat(hostile.accepted(0)).isGreaterThan(1);
			// the victim offered the native format, which the real broker behind accepted: its SUB uses P+3
			assertThat(hostile.accepted(3)).isGreaterThan(1);
		}
	}

	@ParameterizedTest(name = "size {0}")
	@MethodSource("hostileSizes")
	void aClientFacingOnlyHostileBytesFailsToConnectAndClosesPromptly(long size) throws IOException {
		try (HostileZmtp.Broker hostile = new HostileZmtp.Broker(size, Integer.MAX_VALUE, 0)) {
			DEntryPoint victim = new DEntryPoint();
			long start = System.nanoTime();

			assertThatThrownBy(() -> victim.connect("127.0.0.1", hostile.port(), Duration.ofSeconds(2)))
				.isInstanceOf(ConnectTimeoutException.class);

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
			assertThat(victim.state()).isEqualTo(ConnectionState.CLOSED);
			assertThat(hostile.accepted(0)).isGreaterThan(1);
		}
	}

	private static long directMemoryUsed() {
		return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
			.filter((pool) -> pool.getName().equals("direct"))
			.mapToLong(BufferPoolMXBean::getMemoryUsed)
			.sum();
	}

	private DEventBus broker(boolean curve) {
		BrokerOptions options = BrokerOptions.defaults();
		return new DEventBus(curve
				? options.withSecurity(BrokerSecurity.curve(this.brokerKeys, this.alice.publicKey(), this.bob.publicKey()))
				: options);
	}

	/** The broker still accepts new clients and relays between them. */
	private void assertRelays(DEventBus broker, boolean curve) {
		assertThat(broker.stats().running()).isTrue();
		ClientOptions options = ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20));
		try (DEntryPoint receiver = new DEntryPoint(
				curve ? options.withSecurity(ClientSecurity.curve(this.alice, this.brokerKeys.publicKey())) : options);
				DEntryPoint sender = new DEntryPoint(
						curve ? options.withSecurity(ClientSecurity.curve(this.bob, this.brokerKeys.publicKey())) : options)) {
			Catcher<String> catcher = new Catcher<>();
			receiver.on("hostile.check", String.class, catcher);
			receiver.connect("127.0.0.1", broker.port());
			sender.connect("127.0.0.1", broker.port());

			sender.emit("hostile.check", "still relaying");

			assertThat(catcher.awaitOne()).isEqualTo("still relaying");
		}
		assertThat(broker.stats().running()).isTrue();
	}
}
