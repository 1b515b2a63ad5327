package io.aiodistbus.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.aiodistbus.distributed.ConnectTimeoutException;
import io.aiodistbus.distributed.DEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EmbeddedBus(security = true)
class EmbeddedBusSecurityTests {

	@Test
	void clientsWithTheKeysShouldJoinAndOthersNot(EmbeddedBroker broker) {
		assertThat(broker.isSecure()).isTrue();
		DEntryPoint receiver = broker.connectClient();
		EventRecorder recorder = EventRecorder.on(receiver, "secret");
		broker.connectClient().emit("secret", 42);
		recorder.expect("secret").withPayload(Integer.class, 42).await();
		try (DEntryPoint plain = new DEntryPoint()) {
			assertThatExceptionOfType(ConnectTimeoutException.class)
				.isThrownBy(() -> plain.connect(broker.host(), broker.port(), Duration.ofMillis(500)));
		}
		assertThat(broker.stats().failedHandshakes().values()).anyMatch((count) -> count > 0);
	}

}
