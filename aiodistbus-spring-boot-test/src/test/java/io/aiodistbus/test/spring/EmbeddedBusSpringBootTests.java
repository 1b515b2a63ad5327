package io.aiodistbus.test.spring;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.AiodistbusConnectionDetails;
import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.test.EmbeddedBroker;
import io.aiodistbus.test.EmbeddedBus;
import io.aiodistbus.test.EventRecorder;
import io.aiodistbus.test.spring.ChatApplication.ChatMessage;
import io.aiodistbus.test.spring.ChatApplication.ChatService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = ChatApplication.class)
@EmbeddedBus
class EmbeddedBusSpringBootTests {

	@Autowired
	EmbeddedBroker broker;

	@Autowired
	EntryPoint entryPoint;

	@Autowired
	AiodistbusConnectionDetails connectionDetails;

	@Autowired
	ChatService service;

	@Test
	void applicationShouldBeAClientOfTheEmbeddedBroker() {
		assertThat(this.broker.broker().isRunning()).isTrue();
		assertThat(this.connectionDetails.port()).isEqualTo(this.broker.port());
		assertThat(this.entryPoint).isInstanceOfSatisfying(DEntryPoint.class, (client) -> {
			assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
			assertThat(client.stats().endpoint()).isEqualTo("127.0.0.1:" + this.broker.port());
		});
	}

	@Test
	void serviceShouldReceiveWhatAnotherClientEmits() {
		try (DEntryPoint other = this.broker.connectClient()) {
			other.emit("chat.message", new ChatMessage("bob", "hi"));
			await().untilAsserted(() -> assertThat(this.service.heard).contains(new ChatMessage("bob", "hi")));
		}
	}

	@Test
	void anotherClientShouldReceiveWhatTheServiceEmitsAndNothingElse() {
		try (DEntryPoint other = this.broker.connectClient(); EventRecorder recorder = EventRecorder.on(other, "*")) {
			this.service.send("hello");
			recorder.expect("chat.message").withPayload(ChatMessage.class, new ChatMessage("java", "hello")).await();
			recorder.barrier(this.entryPoint);
			assertThat(recorder.events()).hasSize(1);
		}
	}

	@Test
	void applicationShouldRunInClientModeWithoutABrokerOfItsOwn(@Autowired ApplicationContext context) {
		// the test's broker is an EmbeddedBroker: 'broker' mode's DEventBus bean stays out, as in production
		assertThat(context.getBeansOfType(DEventBus.class)).isEmpty();
		assertThat(context.getEnvironment().getProperty("aiodistbus.mode")).isEqualTo("client");
	}

}
