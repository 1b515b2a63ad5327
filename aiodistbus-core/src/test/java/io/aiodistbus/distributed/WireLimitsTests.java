package io.aiodistbus.distributed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.aiodistbus.DropReason;
import io.aiodistbus.contract.Catcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The message size limits, a broker whose ZeroMQ I/O thread dies, CURVE handshakes that fail before
 * authentication, IPv6, and the pulse age after a reconnect.
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
	void aBrokerWhoseZeroMqIoThreadDiesLogsItAndExits() throws Exception {
		// A limit of 2 GB lets a 2,000,000,000-byte frame through to an allocation that a direct memory
		// limit of 64 MB refuses, so the I/O thread dies as it did without any limit.
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:MaxDirectMemorySize=64m", "-cp", System.getProperty("java.class.path"), BrokerMain.class.getName(),
				"--port", "0", "--max-message-size", String.valueOf(Integer.MAX_VALUE))
			.redirectErrorStream(true)
			.start();
		try {
			BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			List<String> lines = new ArrayList<>();
			int port = -1;
			Pattern listening = Pattern.compile("aiodistbus broker on 127\\.0\\.0\\.1:(\\d+)");
			while (port < 0) {
				String line = out.readLine();
				assertThat(line).as("broker output so far: %s", lines).isNotNull();
				lines.add(line);
				Matcher matcher = listening.matcher(line);
				if (matcher.find()) {
					port = Integer.parseInt(matcher.group(1));
				}
			}
			CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> out.lines().forEach(lines::add));

			HostileZmtp.sendAndAwaitDrop(port + 2, HostileZmtp.greeting("NULL", false),
					HostileZmtp.longFrameHeader(2_000_000_000L));

			assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited").isTrue();
			assertThat(process.exitValue()).isEqualTo(1);
			rest.get(5, TimeUnit.SECONDS);
			assertThat(lines).anyMatch((line) -> line.contains("ERROR") && line.contains("I/O thread"));
		}
		finally {
			process.destroyForcibly();
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
	void theBrokerCommandLineTakesIpv6AndTheSizeLimit() {
		BrokerOptions options = BrokerMain.parse(new String[] { "--host", "[::1]", "--max-message-size", "64KB" });
		assertThat(options.host()).isEqualTo("[::1]");
		assertThat(options.maxMessageSize()).isEqualTo(64 * 1024);
		assertThat(BrokerMain.parse(new String[] { "--max-message-size", "4mb" }).maxMessageSize()).isEqualTo(4 << 20);
		assertThat(BrokerMain.parse(new String[] { "--max-message-size", "500" }).maxMessageSize()).isEqualTo(500);
		assertThatThrownBy(() -> BrokerMain.parse(new String[] { "--max-message-size", "-1" }))
			.hasMessageContaining("--max-message-size needs a size");
		assertThatThrownBy(() -> BrokerMain.parse(new String[] { "--max-message-size", "3GB" }))
			.hasMessageContaining("--max-message-size needs a size");
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
