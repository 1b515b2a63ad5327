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
	void tlsWithTheServersCertificate() throws Exception {
		Path key = this.directory.resolve("server.key");
		Path cert = this.directory.resolve("server.pem");
		Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
				"-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout",
				key.toString(), "-out", cert.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(openssl.waitFor()).as("openssl made a certificate").isZero();
		try (NatsServerProcess server = NatsServerProcess.start("--tls", "--tlscert", cert.toString(), "--tlskey",
				key.toString())) {
			NatsOptions trusting = options(server, null).toBuilder()
				.servers("tls://127.0.0.1:" + server.port())
				.sslContext(trusting(cert))
				.build();
			try (NatsEntryPoint entryPoint = new NatsEntryPoint(trusting)) {
				CatchOne received = new CatchOne();
				entryPoint.on("secure.tls", String.class, received);
				entryPoint.connect();
				entryPoint.emit("secure.tls", "encrypted");
				assertThat(received.await()).isEqualTo("encrypted");
			}
			NatsEntryPoint plain = new NatsEntryPoint(options(server, null));
			assertThatExceptionOfType(NatsConnectException.class).isThrownBy(plain::connect);
		}
	}

	/** @return a TLS context that trusts the one certificate */
	private static javax.net.ssl.SSLContext trusting(Path certificate) throws Exception {
		java.security.KeyStore store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
		store.load(null, null);
		try (java.io.InputStream in = Files.newInputStream(certificate)) {
			store.setCertificateEntry("server",
					java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory
			.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
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
		// refused at once; the short timeout only bounds how long jnats waits for the server's verdict
		NatsEntryPoint entryPoint = new NatsEntryPoint(
				options(server, credentials).toBuilder().connectTimeout(Duration.ofSeconds(1)).build());
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
