package io.aiodistbus.test.spring;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.AiodistbusConnectionDetails;
import io.aiodistbus.autoconfigure.NatsConnectionDetails;
import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.nats.NatsEntryPoint;
import io.aiodistbus.test.EmbeddedBroker;
import io.aiodistbus.test.EmbeddedBus;
import io.aiodistbus.test.EmbeddedNatsServer;
import io.aiodistbus.test.EventRecorder;
import io.aiodistbus.test.spring.ChatApplication.ChatMessage;
import io.aiodistbus.test.spring.ChatApplication.ChatService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = ChatApplication.class)
@EmbeddedBus(transport = EmbeddedBus.Transport.NATS)
class EmbeddedBusNatsSpringBootTests {

	@Autowired
	EmbeddedNatsServer server;

	@Autowired
	EntryPoint entryPoint;

	@Autowired
	NatsConnectionDetails connectionDetails;

	@Autowired
	ChatService service;

	@Test
	void applicationShouldBeOnTheEmbeddedServerInNatsMode(@Autowired ApplicationContext context) {
		assertThat(this.server.isRunning()).isTrue();
		assertThat(context.getEnvironment().getProperty("aiodistbus.mode")).isEqualTo("nats");
		assertThat(this.connectionDetails.getServers()).containsExactly(this.server.url());
		assertThat(this.entryPoint).isInstanceOfSatisfying(NatsEntryPoint.class,
				(nats) -> assertThat(nats.state()).isEqualTo(ConnectionState.CONNECTED));
		// nothing of the ZeroMQ broker's: the test asked for NATS only
		assertThat(context.getBeansOfType(EmbeddedBroker.class)).isEmpty();
		assertThat(context.getBeansOfType(AiodistbusConnectionDetails.class)).isEmpty();
	}

	@Test
	void eventHandlerShouldReceiveWhatAnotherEntryPointEmits() {
		NatsEntryPoint other = this.server.connectEntryPoint();
		other.emit("chat.message", new ChatMessage("bob", "hi"));
		await().untilAsserted(() -> assertThat(this.service.heard).contains(new ChatMessage("bob", "hi")));
	}

	@Test
	void anotherEntryPointShouldReceiveWhatTheServiceEmits() {
		NatsEntryPoint other = this.server.connectEntryPoint();
		EventRecorder recorder = EventRecorder.on(other, "chat.message");
		this.service.send("hello");
		recorder.expect("chat.message").withPayload(ChatMessage.class, new ChatMessage("java", "hello")).await();
	}

	@Test
	void healthShouldShowTheServer(@Autowired ApplicationContext context) {
		Health health = context.getBean("aiodistbusHealthIndicator", HealthIndicator.class).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("mode", "nats").containsEntry("server", this.server.url());
	}

}
