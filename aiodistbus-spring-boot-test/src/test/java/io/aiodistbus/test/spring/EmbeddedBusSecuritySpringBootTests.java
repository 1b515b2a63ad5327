package io.aiodistbus.test.spring;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.distributed.ConnectTimeoutException;
import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.test.EmbeddedBroker;
import io.aiodistbus.test.EmbeddedBus;
import io.aiodistbus.test.EventRecorder;
import io.aiodistbus.test.spring.ChatApplication.ChatMessage;
import io.aiodistbus.test.spring.ChatApplication.ChatService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest(classes = ChatApplication.class)
@EmbeddedBus(security = true)
class EmbeddedBusSecuritySpringBootTests {

	@Autowired
	EmbeddedBroker broker;

	@Autowired
	EntryPoint entryPoint;

	@Autowired
	ChatService service;

	@Test
	void applicationShouldJoinTheCurveBrokerWithTheDetailsKeys() {
		assertThat(this.broker.isSecure()).isTrue();
		assertThat(((DEntryPoint) this.entryPoint).state()).isEqualTo(ConnectionState.CONNECTED);
		try (DEntryPoint other = this.broker.connectClient(); EventRecorder recorder = EventRecorder.on(other, "chat.*")) {
			this.service.send("secret");
			recorder.expect("chat.message").withPayload(ChatMessage.class, new ChatMessage("java", "secret")).await();
		}
		assertThat(this.broker.stats().refusedConnections()).isZero();
	}

	@Test
	void clientWithoutTheKeysShouldBeKeptOut() {
		try (DEntryPoint plain = new DEntryPoint()) {
			assertThatExceptionOfType(ConnectTimeoutException.class)
				.isThrownBy(() -> plain.connect(this.broker.host(), this.broker.port(), Duration.ofMillis(500)));
		}
	}

}
