package io.aiodistbus.autoconfigure;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.util.AopTestUtils;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.BrokerSecurity;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.ClientSecurity;
import io.aiodistbus.distributed.ConnectTimeoutException;
import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.distributed.CurveKeyPair;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code aiodistbus.security.*}: a CURVE broker and client configured by properties alone, over real
 * sockets, and the start-up failures of an incomplete or malformed configuration.
 */
class SecurityAutoConfigurationTests {

	private final CurveKeyPair brokerKeys = CurveKeyPair.generate();

	private final CurveKeyPair clientKeys = CurveKeyPair.generate();

	private final ApplicationContextRunner brokerRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class))
		.withPropertyValues("aiodistbus.mode=broker", "aiodistbus.broker.port=0", "aiodistbus.security.enabled=true",
				"aiodistbus.security.public-key=" + this.brokerKeys.publicKey(),
				"aiodistbus.security.secret-key=" + this.brokerKeys.secretKey(),
				"aiodistbus.security.allowed-client-keys=" + this.clientKeys.publicKey());

	private final ApplicationContextRunner clientRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class))
		.withPropertyValues("aiodistbus.mode=client", "aiodistbus.security.enabled=true",
				"aiodistbus.security.broker-public-key=" + this.brokerKeys.publicKey(),
				"aiodistbus.client.connect-timeout=2s");

	@Test
	void brokerWithKeysFromPropertiesAndClientWithKeyFileShouldExchangeEvents(@TempDir Path dir) throws IOException {
		Path keyFile = dir.resolve("client.key_secret");
		this.clientKeys.writeTo(keyFile);
		this.brokerRunner.withBean(Handlers.class).run((brokerContext) -> {
			assertThat(brokerContext).hasNotFailed();
			DEventBus broker = brokerContext.getBean(DEventBus.class);
			this.clientRunner.withBean(Handlers.class)
				.withPropertyValues("aiodistbus.client.port=" + broker.port(),
						"aiodistbus.security.key-file=" + keyFile)
				.run((clientContext) -> {
					assertThat(clientContext).hasNotFailed();
					Handlers atBroker = AopTestUtils.getTargetObject(brokerContext.getBean(Handlers.class));
					Handlers atClient = AopTestUtils.getTargetObject(clientContext.getBean(Handlers.class));
					clientContext.getBean(EntryPoint.class).emit(new ChatMessage("client", "hi"));
					brokerContext.getBean(EntryPoint.class).emit(new ChatMessage("broker", "hello"));
					await().untilAsserted(() -> {
						assertThat(atBroker.payloads).containsExactlyInAnyOrder(new ChatMessage("client", "hi"),
								new ChatMessage("broker", "hello"));
						assertThat(atClient.payloads).containsExactlyInAnyOrder(new ChatMessage("client", "hi"),
								new ChatMessage("broker", "hello"));
					});
				});
			assertThat(broker.stats().refusedConnections()).isZero();
		});
	}

	@Test
	void clientWhoseKeyIsNotAllowedShouldFailStartup() {
		CurveKeyPair stranger = CurveKeyPair.generate();
		this.brokerRunner.run((brokerContext) -> this.clientRunner
			.withPropertyValues("aiodistbus.client.port=" + brokerContext.getBean(DEventBus.class).port(),
					"aiodistbus.security.public-key=" + stranger.publicKey(),
					"aiodistbus.security.secret-key=" + stranger.secretKey())
			.run((clientContext) -> assertThat(clientContext).getFailure()
				.rootCause()
				.isInstanceOf(ConnectTimeoutException.class)
				.hasMessageContaining("CURVE")));
	}

	@Test
	void brokerWithSecurityShouldRefuseClientWithoutKeys() {
		this.brokerRunner.run((context) -> {
			try (DEntryPoint plain = new DEntryPoint()) {
				assertThatExceptionOfType(ConnectTimeoutException.class).isThrownBy(
						() -> plain.connect("127.0.0.1", context.getBean(DEventBus.class).port(), Duration.ofMillis(500)));
			}
		});
	}

	@Test
	void secretKeyShouldBindFromEnvironmentVariable() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class))
			.withPropertyValues("aiodistbus.mode=broker", "aiodistbus.broker.port=0", "aiodistbus.security.enabled=true",
					"aiodistbus.security.public-key=" + this.brokerKeys.publicKey())
			// as the process environment would be, so that Boot's relaxed names for variables apply
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
						Map.of("AIODISTBUS_SECURITY_SECRETKEY", this.brokerKeys.secretKey()))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(AiodistbusProperties.class).getSecurity().getSecretKey())
					.isEqualTo(this.brokerKeys.secretKey());
				assertThat(context.getBean(EntryPoint.class)).isInstanceOfSatisfying(DEntryPoint.class,
						(client) -> assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED));
			});
	}

	@Test
	void brokerShouldAllowKeysFromFileAndApplicationsOwnKey(@TempDir Path dir) throws IOException {
		CurveKeyPair other = CurveKeyPair.generate();
		Path allowed = dir.resolve("allowed-clients");
		Files.writeString(allowed, "# team\n" + other.publicKey() + "  # other\n", StandardCharsets.UTF_8);
		this.brokerRunner.withPropertyValues("aiodistbus.security.allowed-client-keys-file=" + allowed)
			.run((context) -> {
				BrokerOptions options = BrokerBusConfiguration.brokerOptions(
						context.getBean(AiodistbusProperties.class), context.getBeanProvider(BrokerOptionsCustomizer.class));
				assertThat(options.security().serverKeys()).isEqualTo(this.brokerKeys);
				assertThat(options.security().allowedClientKeys()).containsExactly(this.brokerKeys.publicKey(),
						this.clientKeys.publicKey(), other.publicKey());
			});
	}

	@Test
	void customizersShouldWinOverSecurityProperties() {
		CurveKeyPair fromKeyStore = CurveKeyPair.generate();
		this.brokerRunner
			.withBean(BrokerOptionsCustomizer.class,
					() -> (options) -> options.withSecurity(BrokerSecurity.curve(fromKeyStore, fromKeyStore.publicKey())))
			.withBean(ClientOptionsCustomizer.class,
					() -> (options) -> options.withSecurity(ClientSecurity.curve(fromKeyStore, fromKeyStore.publicKey())))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				AiodistbusProperties properties = context.getBean(AiodistbusProperties.class);
				BrokerOptions broker = BrokerBusConfiguration.brokerOptions(properties,
						context.getBeanProvider(BrokerOptionsCustomizer.class));
				ClientOptions client = ClientBusConfiguration.clientOptions(properties.getClient(),
						BusSecurity.inAppClient(properties.getSecurity()),
						context.getBeanProvider(ClientOptionsCustomizer.class));
				assertThat(broker.security().serverKeys()).isEqualTo(fromKeyStore);
				assertThat(client.security().clientKeys()).isEqualTo(fromKeyStore);
			});
	}

	@Test
	void disabledSecurityShouldIgnoreKeyProperties() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class))
			.withPropertyValues("aiodistbus.mode=broker", "aiodistbus.broker.port=0",
					"aiodistbus.security.public-key=not a key", "aiodistbus.security.broker-public-key=nor this")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				AiodistbusProperties properties = context.getBean(AiodistbusProperties.class);
				assertThat(BrokerBusConfiguration
					.brokerOptions(properties, context.getBeanProvider(BrokerOptionsCustomizer.class))
					.security()).isNull();
			});
	}

	@Test
	void enabledWithoutKeysShouldFailNamingProperties() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class))
			.withPropertyValues("aiodistbus.mode=broker", "aiodistbus.broker.port=0", "aiodistbus.security.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("aiodistbus.security.public-key and aiodistbus.security.secret-key (or "
						+ "aiodistbus.security.key-file) must be set when aiodistbus.security.enabled is true"));
	}

	@Test
	void clientWithoutBrokerPublicKeyShouldFailNamingProperty() {
		this.clientRunner.withPropertyValues("aiodistbus.security.broker-public-key=",
				"aiodistbus.security.public-key=" + this.clientKeys.publicKey(),
				"aiodistbus.security.secret-key=" + this.clientKeys.secretKey())
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("aiodistbus.security.broker-public-key must be set when aiodistbus.security.enabled is true"));
	}

	@Test
	void secretKeyWithoutPublicKeyShouldFailNamingProperty() {
		this.clientRunner.withPropertyValues("aiodistbus.security.secret-key=" + this.clientKeys.secretKey())
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("aiodistbus.security.public-key must be set when aiodistbus.security.secret-key is"));
	}

	@Test
	void malformedSecretKeyShouldFailNamingPropertyWithoutRepeatingIt() {
		String malformed = this.clientKeys.secretKey().substring(0, 30);
		this.clientRunner
			.withPropertyValues("aiodistbus.security.public-key=" + this.clientKeys.publicKey(),
					"aiodistbus.security.secret-key=" + malformed)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("aiodistbus.security.secret-key must be 40 Z85 characters")
				.satisfies((failure) -> assertThat(stackTrace(failure)).doesNotContain(malformed)));
	}

	@Test
	void secretKeyOfAnotherPairShouldFailNamingProperty() {
		this.clientRunner
			.withPropertyValues("aiodistbus.security.public-key=" + this.clientKeys.publicKey(),
					"aiodistbus.security.secret-key=" + this.brokerKeys.secretKey())
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("aiodistbus.security.secret-key: secret key does not belong to public key")
				.satisfies((failure) -> assertThat(stackTrace(failure)).doesNotContain(this.brokerKeys.secretKey())));
	}

	@Test
	void malformedBrokerPublicKeyShouldFailNamingProperty() {
		this.clientRunner
			.withPropertyValues("aiodistbus.security.public-key=" + this.clientKeys.publicKey(),
					"aiodistbus.security.secret-key=" + this.clientKeys.secretKey(),
					"aiodistbus.security.broker-public-key=" + "~".repeat(40))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("aiodistbus.security.broker-public-key is not Z85"));
	}

	@Test
	void malformedAllowedClientKeyShouldFailNamingItsIndex() {
		this.brokerRunner
			.withPropertyValues("aiodistbus.security.allowed-client-keys=" + this.clientKeys.publicKey() + ",short")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("aiodistbus.security.allowed-client-keys[1] must be 40 Z85 characters"));
	}

	@Test
	void missingKeyFileShouldFailNamingProperty(@TempDir Path dir) {
		Path missing = dir.resolve("missing.key_secret");
		this.clientRunner.withPropertyValues("aiodistbus.security.key-file=" + missing)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("aiodistbus.security.key-file: cannot read " + missing));
	}

	@Test
	void keyFileAndKeysTogetherShouldFail(@TempDir Path dir) throws IOException {
		Path keyFile = dir.resolve("client.key_secret");
		this.clientKeys.writeTo(keyFile);
		this.clientRunner
			.withPropertyValues("aiodistbus.security.key-file=" + keyFile,
					"aiodistbus.security.public-key=" + this.clientKeys.publicKey(),
					"aiodistbus.security.secret-key=" + this.clientKeys.secretKey())
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith(
						"aiodistbus.security.key-file and aiodistbus.security.public-key/secret-key are both set"));
	}

	@Test
	void brokerModeWithAnotherBrokerPublicKeyShouldFail() {
		this.brokerRunner.withPropertyValues("aiodistbus.security.broker-public-key=" + this.clientKeys.publicKey())
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("aiodistbus.security.broker-public-key is not this application's public key"));
	}

	private static String stackTrace(Throwable failure) {
		StringWriter out = new StringWriter();
		failure.printStackTrace(new PrintWriter(out));
		return out.toString();
	}

}
