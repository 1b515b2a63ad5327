package io.aiodistbus.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.BrokerSecurity;
import io.aiodistbus.distributed.ClientSecurity;
import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.distributed.CurveKeyPair;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionDetailsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class));

	private DEventBus broker;

	@AfterEach
	void closeBroker() {
		if (this.broker != null) {
			this.broker.close();
		}
	}

	@Test
	void runShouldCreateConnectionDetailsFromProperties() {
		this.broker = new DEventBus();
		this.runner.withPropertyValues("aiodistbus.mode=client", "aiodistbus.client.port=" + this.broker.port())
			.run((context) -> {
				AiodistbusConnectionDetails details = context.getBean(AiodistbusConnectionDetails.class);
				assertThat(details).isInstanceOf(PropertiesAiodistbusConnectionDetails.class);
				assertThat(details.host()).isEqualTo("127.0.0.1");
				assertThat(details.port()).isEqualTo(this.broker.port());
				assertThat(details.security()).isNull();
			});
	}

	@Test
	void runInLocalModeShouldNotCreateConnectionDetails() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(AiodistbusConnectionDetails.class));
	}

	@Test
	void runWithConnectionDetailsBeanShouldConnectWhereItSaysNotWhereThePropertiesSay() throws IOException {
		this.broker = new DEventBus();
		this.runner
			.withPropertyValues("aiodistbus.mode=client", "aiodistbus.client.port=" + unusedPort(),
					"aiodistbus.client.connect-timeout=5s")
			.withBean(AiodistbusConnectionDetails.class,
					() -> AiodistbusConnectionDetails.of("127.0.0.1", this.broker.port(), null))
			.run((context) -> {
				assertThat(context).hasSingleBean(AiodistbusConnectionDetails.class)
					.doesNotHaveBean(PropertiesAiodistbusConnectionDetails.class);
				assertThat(context.getBean(EntryPoint.class)).isInstanceOfSatisfying(DEntryPoint.class, (client) -> {
					assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
					assertThat(client.stats().endpoint()).isEqualTo("127.0.0.1:" + this.broker.port());
				});
			});
	}

	@Test
	void runWithConnectionDetailsBeanShouldUseItsCurveKeysOverSecurityProperties() {
		CurveKeyPair brokerKeys = CurveKeyPair.generate();
		CurveKeyPair clientKeys = CurveKeyPair.generate();
		this.broker = new DEventBus(
				BrokerOptions.defaults().withSecurity(BrokerSecurity.curve(brokerKeys, clientKeys.publicKey())));
		// security properties left disabled: the keys come with the details, as from a service connection
		this.runner.withPropertyValues("aiodistbus.mode=client", "aiodistbus.client.connect-timeout=5s")
			.withBean(AiodistbusConnectionDetails.class,
					() -> AiodistbusConnectionDetails.of("127.0.0.1", this.broker.port(),
							ClientSecurity.curve(clientKeys, brokerKeys.publicKey())))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(((DEntryPoint) context.getBean(EntryPoint.class)).state())
					.isEqualTo(ConnectionState.CONNECTED);
				assertThat(this.broker.stats().refusedConnections()).isZero();
			});
	}

	@Test
	void connectionDetailsShouldNotShowTheirKeys() {
		CurveKeyPair keys = CurveKeyPair.generate();
		AiodistbusConnectionDetails details = AiodistbusConnectionDetails.of("broker", 5555,
				ClientSecurity.curve(keys, CurveKeyPair.generate().publicKey()));
		assertThat(details.toString()).isEqualTo("AiodistbusConnectionDetails[broker:5555, CURVE]")
			.doesNotContain(keys.secretKey());
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
