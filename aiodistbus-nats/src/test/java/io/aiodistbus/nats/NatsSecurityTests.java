package io.aiodistbus.nats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.nats.client.NKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Credentials against real nats-servers that require them: the right ones connect, wrong ones fail clearly. */
class NatsSecurityTests {

	@TempDir
	Path directory;

	@Test
	void userAndPassword() {
		try (NatsServerProcess server = NatsServerProcess.start("--user", "app", "--pass", "s3cret")) {
			assertConnects(server, NatsCredentials.userPassword("app", "s3cret"));
			assertRefused(server, NatsCredentials.userPassword("app", "wrong"));
			assertRefused(server, null);
		}
	}

	@Test
	void token() {
		try (NatsServerProcess server = NatsServerProcess.start("--auth", "t0ken")) {
			assertConnects(server, NatsCredentials.token("t0ken"));
			assertRefused(server, NatsCredentials.token("other"));
		}
	}

	@Test
	void nkey() throws IOException, GeneralSecurityException {
		NKey user = NKey.createUser(new SecureRandom());
		NKey stranger = NKey.createUser(new SecureRandom());
		Path config = this.directory.resolve("nats.conf");
		Files.writeString(config, "authorization { users = [ { nkey: \"" + new String(user.getPublicKey()) + "\" } ] }\n");
		try (NatsServerProcess server = NatsServerProcess.start("-c", config.toString())) {
			assertConnects(server, NatsCredentials.nkey(new String(user.getSeed())));
			assertRefused(server, NatsCredentials.nkey(new String(stranger.getSeed())));
		}
	}

	@Test
	void credentialsHideTheirSecrets() {
		assertThat(NatsCredentials.userPassword("app", "s3cret")).hasToString("NatsCredentials[user app]");
		assertThat(NatsCredentials.token("t0ken").toString()).doesNotContain("t0ken");
		assertThatIllegalArgumentException().isThrownBy(() -> NatsCredentials.nkey("SUnotaseed"))
			.withMessageNotContaining("SUnotaseed");
		assertThatIllegalArgumentException().isThrownBy(() -> NatsCredentials.credsFile(this.directory.resolve("no")));
	}

	private static void assertConnects(NatsServerProcess server, NatsCredentials credentials) {
		try (NatsEntryPoint entryPoint = new NatsEntryPoint(options(server, credentials))) {
			CatchOne received = new CatchOne();
			entryPoint.on("secure.hello", String.class, received);
			entryPoint.connect();
			entryPoint.emit("secure.hello", "hi");
			assertThat(received.await()).isEqualTo("hi");
		}
	}

	private static void assertRefused(NatsServerProcess server, NatsCredentials credentials) {
		NatsEntryPoint entryPoint = new NatsEntryPoint(options(server, credentials));
		assertThatExceptionOfType(NatsConnectException.class).isThrownBy(entryPoint::connect)
			.withMessageContaining(server.url());
		assertThat(entryPoint.isClosed()).isTrue();
	}

	private static NatsOptions options(NatsServerProcess server, NatsCredentials credentials) {
		return NatsOptions.builder()
			.servers(List.of(server.url()))
			.credentials(credentials)
			.reconnect(false)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/** Takes one payload, awaited with a latch. */
	private static final class CatchOne implements java.util.function.Consumer<String> {

		private final java.util.concurrent.CompletableFuture<String> value = new java.util.concurrent.CompletableFuture<>();

		@Override
		public void accept(String payload) {
			this.value.complete(payload);
		}

		String await() {
			return this.value.orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
		}
	}
}
