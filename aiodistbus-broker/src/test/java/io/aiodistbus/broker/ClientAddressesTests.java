package io.aiodistbus.broker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClientAddressesTests {

	@Test
	void kernelAddressesShouldReadAsTheirText() throws Exception {
		assertThat(ClientAddresses.address("0100007F:1F90")).isEqualTo("127.0.0.1:8080");
		assertThat(ClientAddresses.address("0000000000000000FFFF00000100007F:86D3")).isEqualTo("127.0.0.1:34515");
		assertThat(ClientAddresses.address("00000000000000000000000001000000:0016")).isEqualTo("[0:0:0:0:0:0:0:1]:22");
	}

	@Test
	void connectedClientsShouldBeNamedByTheirAddress() {
		try (DEventBus broker = new DEventBus(); DEntryPoint client = new DEntryPoint()) {
			assertThat(ClientAddresses.read(broker.port() + 1, broker.port() + 3)).hasValueSatisfying(
					(clients) -> assertThat(clients).isEmpty());
			client.connect("127.0.0.1", broker.port(), Duration.ofSeconds(10));
			await().untilAsserted(() -> assertThat(ClientAddresses.read(broker.port() + 1, broker.port() + 3))
				.hasValueSatisfying((clients) -> assertThat(clients).singleElement().satisfies((named) -> {
					assertThat(named.address()).startsWith("127.0.0.1:");
					assertThat(named.wireFormat()).isEqualTo("native");
				})));
		}
	}

}
