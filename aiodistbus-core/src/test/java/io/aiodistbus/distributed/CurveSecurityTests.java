package io.aiodistbus.distributed;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.bridge.Bridge;
import io.aiodistbus.contract.Catcher;
import io.aiodistbus.local.EventBus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(60)
class CurveSecurityTests {

	private static final Duration REFUSAL_TIMEOUT = Duration.ofMillis(1_500);

	private final CurveKeyPair brokerKeys = CurveKeyPair.generate();

	private final CurveKeyPair alice = CurveKeyPair.generate();

	private final CurveKeyPair bob = CurveKeyPair.generate();

	private final List<AutoCloseable> resources = new ArrayList<>();

	@TempDir
	Path dir;

	@AfterEach
	void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	private DEventBus broker(BrokerSecurity security) {
		DEventBus broker = new DEventBus(BrokerOptions.defaults().withSecurity(security));
		this.resources.add(broker);
		return broker;
	}

	private DEntryPoint client(ClientSecurity security) {
		DEntryPoint client = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20))
				.withSecurity(security));
		this.resources.add(client);
		return client;
	}

	@Test
	void allowedClientsExchangeEventsThroughACurveBroker() {
		DEventBus broker = broker(BrokerSecurity.curve(this.brokerKeys, this.alice.publicKey(), this.bob.publicKey()));
		DEntryPoint receiver = client(ClientSecurity.curve(this.alice, this.brokerKeys.publicKey()));
		DEntryPoint sender = client(ClientSecurity.curve(this.bob, this.brokerKeys.publicKey()));
		Catcher<String> catcher = new Catcher<>();
		receiver.on("chat.message", String.class, catcher);
		receiver.connect("127.0.0.1", broker.port());
		sender.connect("127.0.0.1", broker.port());

		sender.emit("chat.message", "secret hello");

		assertThat(catcher.awaitOne()).isEqualTo("secret hello");
		assertThat(broker.stats().refusedConnections()).isZero();
	}

	@Test
	void aBridgeReachesACurveBrokerWithItsClientOptions() {
		DEventBus broker = broker(BrokerSecurity.curve(this.brokerKeys, this.alice.publicKey(), this.bob.publicKey()));
		DEntryPoint remote = client(ClientSecurity.curve(this.alice, this.brokerKeys.publicKey()));
		Catcher<String> catcher = new Catcher<>();
		remote.on("news", String.class, catcher);
		remote.connect("127.0.0.1", broker.port());
		EventBus bus = new EventBus();
		this.resources.add(bus);
		ClientOptions options = ClientOptions.defaults().withSecurity(ClientSecurity.curve(this.bob,
				this.brokerKeys.publicKey()));
		this.resources.add(Bridge.open(bus, "127.0.0.1", broker.port(), List.of("news"), List.of(), options));

		bus.entryPoint().emit("news", "bridged");

		assertThat(catcher.awaitOne()).isEqualTo("bridged");
	}

	@Test
	void aClientWithAnUnknownKeyIsRefusedAndCounted() {
		DEventBus broker = broker(BrokerSecurity.curve(this.brokerKeys, this.alice.publicKey()));
		DEntryPoint stranger = client(ClientSecurity.curve(CurveKeyPair.generate(), this.brokerKeys.publicKey()));

		assertThatThrownBy(() -> stranger.connect("127.0.0.1", broker.port(), REFUSAL_TIMEOUT))
				.isInstanceOf(ConnectTimeoutException.class)
				.hasMessageContaining("the broker refused this client's CURVE key")
				.hasMessageContaining("authentication is the likely cause");
		await().until(() -> broker.stats().refusedConnections() > 0);
		assertThat(broker.stats().handshakes()).isZero();
	}

	@Test
	void anAllowedClientWithTheWrongBrokerKeyCannotConnect() {
		DEventBus broker = broker(BrokerSecurity.curve(this.brokerKeys, this.alice.publicKey()));
		DEntryPoint fooled = client(ClientSecurity.curve(this.alice, CurveKeyPair.generate().publicKey()));

		assertThatThrownBy(() -> fooled.connect("127.0.0.1", broker.port(), REFUSAL_TIMEOUT))
				.isInstanceOf(ConnectTimeoutException.class)
				.hasMessageContaining("authentication is the likely cause");
		assertThat(broker.stats().handshakes()).isZero();
	}

	@Test
	void aPlainClientCannotTalkToACurveBroker() {
		DEventBus broker = broker(BrokerSecurity.curve(this.brokerKeys, this.alice.publicKey()));
		DEntryPoint plain = client(null);

		assertThatThrownBy(() -> plain.connect("127.0.0.1", broker.port(), REFUSAL_TIMEOUT))
				.isInstanceOf(ConnectTimeoutException.class)
				.hasMessageContaining("ClientOptions.withSecurity");
		assertThat(broker.stats().handshakes()).isZero();
	}

	@Test
	void keysAndAllowListFromFilesWork() throws IOException {
		Path brokerFile = this.dir.resolve("broker.key_secret");
		this.brokerKeys.writeTo(brokerFile);
		Path aliceFile = this.dir.resolve("alice.key");
		Files.writeString(aliceFile, "# written by hand\npublic=" + this.alice.publicKey() + "\nsecret="
				+ this.alice.secretKey() + "\n");
		Path allowFile = this.dir.resolve("allowed");
		Files.writeString(allowFile, "# clients\n\n" + this.alice.publicKey() + "  # alice\n" + this.bob.publicKey()
				+ "\n");

		CurveKeyPair brokerRead = CurveKeyPair.fromFile(brokerFile);
		CurveKeyPair aliceRead = CurveKeyPair.fromFile(aliceFile);
		List<String> allowed = CurveKeys.readPublicKeys(allowFile);

		assertThat(brokerRead).isEqualTo(this.brokerKeys);
		assertThat(aliceRead).isEqualTo(this.alice);
		assertThat(allowed).containsExactly(this.alice.publicKey(), this.bob.publicKey());
		if (Files.getFileAttributeView(brokerFile, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(brokerFile))).isEqualTo("rw-------");
		}
		DEventBus broker = broker(BrokerSecurity.curve(brokerRead, allowed));
		DEntryPoint client = client(ClientSecurity.curve(aliceRead, brokerRead.publicKey()));
		Catcher<Integer> catcher = new Catcher<>();
		client.on("count", Integer.class, catcher);
		client.connect("127.0.0.1", broker.port());
		client.emit("count", 7);
		assertThat(catcher.awaitOne()).isEqualTo(7);
	}

	@Test
	void aKeyFileIsNeverOverwritten() throws IOException {
		Path file = this.dir.resolve("broker.key_secret");
		this.brokerKeys.writeTo(file);

		assertThatThrownBy(() -> this.alice.writeTo(file)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
		assertThat(CurveKeyPair.fromFile(file)).isEqualTo(this.brokerKeys);
	}

	@Test
	void malformedKeysAreRejectedWithClearMessages() {
		String pub = this.alice.publicKey();
		String sec = this.alice.secretKey();
		assertThatThrownBy(() -> CurveKeyPair.of(pub.substring(1), sec))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("public key must be 40 Z85 characters, was 39 characters");
		assertThatThrownBy(() -> CurveKeyPair.of(pub, sec.substring(0, 39) + "~"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("secret key is not Z85: character 40 is outside the Z85 alphabet");
		assertThatThrownBy(() -> CurveKeyPair.of(pub, null))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("secret key must not be null");
		// "#####" is 85^5 - 1, more than 32 bits hold
		assertThatThrownBy(() -> CurveKeyPair.of("#####" + pub.substring(5), sec))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("public key is not a valid Z85 encoding of a 32-byte key");
		assertThatThrownBy(() -> CurveKeyPair.of(pub, this.bob.secretKey()))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("secret key does not belong to public key " + pub);
		assertThatThrownBy(() -> ClientSecurity.curve(this.alice, "not a key"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("broker public key must be 40 Z85 characters, was 9 characters");
		assertThatThrownBy(() -> BrokerSecurity.curve(this.brokerKeys))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("at least one client public key");
		assertThatThrownBy(() -> BrokerSecurity.curve(this.brokerKeys, pub, "x"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("allowed client key must be 40 Z85 characters, was 1 characters");
	}

	@Test
	void malformedKeyFilesNameTheFileAndLine() throws IOException {
		Path noSecret = this.dir.resolve("public-only");
		Files.writeString(noSecret, "public-key = \"" + this.alice.publicKey() + "\"\n");
		Path allowList = this.dir.resolve("allowed");
		Files.writeString(allowList, this.alice.publicKey() + "\n" + this.bob.publicKey() + " bob\n");
		Path badAllowList = this.dir.resolve("bad-allowed");
		Files.writeString(badAllowList, "#\n" + this.alice.publicKey().substring(2) + "\n");

		assertThatThrownBy(() -> CurveKeyPair.fromFile(noSecret))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining(noSecret + " has no secret key");
		assertThatThrownBy(() -> CurveKeys.readPublicKeys(allowList))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining(allowList + " line 2: expected one key per line");
		assertThatThrownBy(() -> CurveKeys.readPublicKeys(badAllowList))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("public key at " + badAllowList + " line 2 must be 40 Z85 characters, was 38 characters");
	}

	@Test
	void theSecretKeyStaysOutOfToString() {
		assertThat(this.alice.toString()).contains(this.alice.publicKey()).doesNotContain(this.alice.secretKey());
	}

	@Test
	void curveSocketsKeepTheShortHandshakeInterval() {
		BrokerSecurity broker = BrokerSecurity.curve(this.brokerKeys, this.alice.publicKey());
		ClientSecurity client = ClientSecurity.curve(this.alice, this.brokerKeys.publicKey());
		try (ZContext context = new ZContext(1)) {
			Engine.FrameAllocator allocator = new Engine.FrameAllocator(1024, new DropCounters(),
					new DropLog(org.slf4j.LoggerFactory.getLogger(CurveSecurityTests.class), "test"));
			ZMQ.Socket server = Sockets.server(context, SocketType.PUB, BrokerOptions.defaults().withSecurity(broker),
					allocator);
			ZMQ.Socket dealer = Sockets.client(context, SocketType.DEALER, "127.0.0.1",
					ClientOptions.defaults().withSecurity(client), allocator);

			assertThat(server.getHandshakeIvl()).isEqualTo(Sockets.HANDSHAKE_INTERVAL_MS);
			assertThat(server.getMechanism()).isEqualTo(ZMQ.Socket.Mechanism.CURVE);
			assertThat(server.getCurveServer()).isTrue();
			assertThat(dealer.getHandshakeIvl()).isEqualTo(Sockets.HANDSHAKE_INTERVAL_MS);
			assertThat(dealer.getMechanism()).isEqualTo(ZMQ.Socket.Mechanism.CURVE);
			assertThat(dealer.getCurveServer()).isFalse();
		}
	}

	@Test
	void aCurveBrokerDropsAConnectionThatNeverHandshakesWithinTheInterval() throws IOException {
		DEventBus broker = broker(BrokerSecurity.curve(this.brokerKeys, this.alice.publicKey()));
		try (Socket silent = new Socket("127.0.0.1", broker.port() + 1)) {
			silent.setSoTimeout(20_000);
			long start = System.nanoTime();
			InputStream in = silent.getInputStream();
			// The broker sends its greeting, then waits for ours; it gives up after the handshake interval.
			while (in.read() >= 0) {
				// the greeting
			}
			Duration waited = Duration.ofNanos(System.nanoTime() - start);
			assertThat(waited).isLessThan(Duration.ofSeconds(5));
		}
	}
}
