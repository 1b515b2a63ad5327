package io.aiodistbus.test.spring;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.AiodistbusConnectionDetails;
import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.test.EmbeddedBroker;
import io.aiodistbus.test.EmbeddedBus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that defines connection details of its own (a platform binding, say) still
 * connects to the test's broker.
 */
@SpringBootTest(classes = { ChatApplication.class, EmbeddedBusOverridesApplicationDetailsTests.Production.class })
@EmbeddedBus
class EmbeddedBusOverridesApplicationDetailsTests {

	@Autowired
	EmbeddedBroker broker;

	@Autowired
	EntryPoint entryPoint;

	@Test
	void applicationShouldConnectToTheEmbeddedBroker() {
		assertThat(this.entryPoint).isInstanceOfSatisfying(DEntryPoint.class, (client) -> {
			assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
			assertThat(client.stats().endpoint()).isEqualTo("127.0.0.1:" + this.broker.port());
		});
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Production {

		@Bean
		AiodistbusConnectionDetails productionBroker() {
			return AiodistbusConnectionDetails.of("broker.invalid", 5555, null);
		}

	}

}
