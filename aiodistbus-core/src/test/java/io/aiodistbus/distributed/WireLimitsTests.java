package io.aiodistbus.distributed;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.aiodistbus.DropReason;
import io.aiodistbus.contract.Catcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The message size limits, CURVE handshakes that fail before authentication, IPv6, and the pulse
 * age after a reconnect. The standalone broker's command line, and its exit when ZeroMQ's I/O thread
 * dies, are tested in the {@code aiodistbus-broker} module.
 */
@Timeout(120)
class WireLimitsTests {

	private final CurveKeyPair brokerKeys = CurveKeyPair.generate();

	private final CurveKeyPair alice = CurveKeyPair.generate();

	@Test
	void everySocketHasABoundedDefaultMessageSize() {
		assertThat(BrokerOptions.defaults().maxMessageSize()).isEqualTo(BrokerOptions.DEFAULT_MAX_MESSAGE_SIZE)
			.isEqualTo(1024 * 1024);
		assertThat(ClientOptions.defaults().maxMessageSize()).isEqualTo(ClientOptions.DEFAULT_MAX_MESSAGE_SIZE)
			.isEqualTo(1024 * 1024);
		assertThatThrownBy(() -> BrokerOptions.defaults().withMaxMessageSize(-1))
			.hasMessageContaining("there is no unlimited setting");
		assertThatThrownBy(() -> ClientOptions.defaults().withMaxMessageSize(1L << 31))
			.hasMessageContaining("maxMessageSize must be between 1 and 2147483647");
	}

	@Test
	void anEventOverTheClientsLimitIsRefusedAtEmitAndCounted() {
		try (DEventBus broker = new DEventBus();
				DEntryPoint receiver = new DEntryPoint();
				DEntryPoint sender = new DEntryPoint(ClientOptions.defaults().withMaxMessageSize(1024))) {
			Catcher<String> catcher = new Catcher<>();
			receiver.on("limits", String.class, catcher);
			receiver.connect("127.0.0.1", broker.port());
			sender.connect("127.0.0.1", broker.port());

			assertThatThrownBy(() -> sender.emit("limits", "x".repeat(2000)))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("more than the maximum message size of 1024 bytes");
			sender.emit("limits", "small");

			assertThat(catcher.awaitOne()).isEqualTo("small");
			assertThat(sender.stats().dropped()).containsEntry(DropReason.OVERSIZE, 1L);
			// the refused event took no sequence number: the receiver sees no gap
			assertThat(receiver.stats().lost()).isZero();
		}
	}

	@Test
	void aFrameOverTheBrokersLimitCostsTheSenderOnlyThatConnection() {
		try (DEventBus broker = new DEventBus(BrokerOptions.defaults().withMaxMessageSize(1024));
				DEntryPoint receiver = new DEntryPoint();
				DEntryPoint sender = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)))) {
			Catcher<String> catcher = new Catcher<>();
			receiver.on("limits", String.class, catcher);
			receiver.connect("127.0.0.1", broker.port());
			sender.connect("127.0.0.1", broker.port());

			sender.emit("limits", "x".repeat(2000));
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				sender.emit("limits", "small");
				assertThat(catcher.received()).contains("small");
			});

			assertThat(catcher.received()).noneMatch((value) -> value.length() > 1024);
			assertThat(broker.stats().running()).isTrue();
		}
	}

	@Test
	void aCurveBrokerCountsAndLogsPlaintextAndWrongKeyClients() {
		try (DEventBus broker = new DEventBus(
				BrokerOptions.defaults().withSecurity(BrokerSecurity.curve(this.brokerKeys, this.alice.publicKey())));
				DEntryPoint plain = new DEntryPoint();
				DEntryPoint fooled = new DEntryPoint(ClientOptions.defaults()
					.withSecurity(ClientSecurity.curve(this.alice, CurveKeyPair.generate().publicKey())))) {
			assertThatThrownBy(() -> plain.connect("127.0.0.1", broker.port(), Duration.ofMillis(1_500)))
				.isInstanceOf(ConnectTimeoutException.class);
			await().untilAsserted(() -> assertThat(broker.stats().failedHandshakes().get(HandshakeFailure.NOT_CURVE))
				.isGreaterThanOrEqualTo(3));
			assertThat(broker.stats().failedHandshakes()).containsEntry(HandshakeFailure.CURVE_ERROR, 0L);

			assertThatThrownBy(() -> fooled.connect("127.0.0.1", broker.port(), Duration.ofMillis(1_500)))
				.isInstanceOf(ConnectTimeoutException.class);
			await().untilAsserted(() -> assertThat(broker.stats().failedHandshakes().get(HandshakeFailure.CURVE_ERROR))
				.isGreaterThanOrEqualTo(3));
			assertThat(broker.stats().refusedConnections()).isZero();
		}
	}

	@Test
	void aCurveBrokerDoesNotCountItsAllowedClients() {
		try (DEventBus broker = new DEventBus(
				BrokerOptions.defaults().withSecurity(BrokerSecurity.curve(this.brokerKeys, this.alice.publicKey())));
				DEntryPoint client = new DEntryPoint(ClientOptions.defaults()
					.withConnectTimeout(Duration.ofSeconds(20))
					.withSecurity(ClientSecurity.curve(this.alice, this.brokerKeys.publicKey())))) {
			client.connect("127.0.0.1", broker.port());
			client.close();

			await().until(() -> broker.stats().connectedClients() == 0);
			assertThat(broker.stats().failedHandshakes().values()).containsOnly(0L);
		}
	}

	@Test
	void aBrokerNamesItsEndpointWithAnIpv6HostInBrackets() {
		for (String host : new String[] { "::1", "[::1]" }) {
			try (DEventBus broker = new DEventBus(BrokerOptions.defaults().withHost(host))) {
				assertThat(broker.endpoint()).isEqualTo("[::1]:" + broker.port());
			}
		}
		try (DEventBus broker = new DEventBus()) {
			assertThat(broker.endpoint()).isEqualTo("127.0.0.1:" + broker.port());
		}
	}

	@Test
	void aBrokerOnIpv6LoopbackRelaysInEitherSpelling() {
		for (String host : new String[] { "::1", "[::1]" }) {
			try (DEventBus broker = new DEventBus(BrokerOptions.defaults().withHost(host));
					DEntryPoint receiver = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)));
					DEntryPoint sender = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)))) {
				Catcher<String> catcher = new Catcher<>();
				receiver.on("six", String.class, catcher);
				receiver.connect("::1", broker.port());
				sender.connect("[::1]", broker.port());

				sender.emit("six", "over IPv6 " + host);

				assertThat(catcher.awaitOne()).isEqualTo("over IPv6 " + host);
			}
		}
	}

	@Test
	void afterAReconnectThePulseOfTheBrokerThatWentAwayIsNotReported() {
		DEventBus first = new DEventBus(BrokerOptions.defaults().withPulse(Duration.ofMillis(100)));
		int port = first.port();
		try (DEntryPoint client = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)))) {
			client.connect("127.0.0.1", port);
			await().until(() -> client.stats().lastPulseAge() != null);
			long reconnects = client.stats().reconnects();
			first.close();
			await().until(() -> client.state() != ConnectionState.CONNECTED);

			// its first pulse goes out at start, before the client is back; the next one in an hour
			try (DEventBus second = new DEventBus(BrokerOptions.defaults().withPort(port).withPulse(Duration.ofHours(1)))) {
				await().atMost(Duration.ofSeconds(30))
					.until(() -> client.stats().reconnects() > reconnects && client.state() == ConnectionState.CONNECTED);

				assertThat(client.stats().lastPulseAge()).isNull();
				assertThat(client.stats().pulses()).isPositive();
			}
		}
	}
}
