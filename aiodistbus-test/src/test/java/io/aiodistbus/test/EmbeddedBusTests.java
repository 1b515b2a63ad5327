package io.aiodistbus.test;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aiodistbus.distributed.DEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedBus
class EmbeddedBusTests {

	private final EmbeddedBroker broker;

	EmbeddedBusTests(EmbeddedBroker broker) {
		this.broker = broker;
	}

	@Test
	void brokerShouldRunOnLoopbackWithoutCurve(EmbeddedBroker injected) {
		assertThat(injected).isSameAs(this.broker);
		assertThat(injected.broker().isRunning()).isTrue();
		assertThat(injected.host()).isEqualTo("127.0.0.1");
		assertThat(injected.isSecure()).isFalse();
		assertThat(injected.clientSecurity()).isNull();
	}

	@Test
	void clientsShouldExchangeEventsThroughIt() {
		DEntryPoint receiver = this.broker.connectClient();
		DEntryPoint sender = this.broker.connectClient();
		EventRecorder recorder = EventRecorder.on(receiver, "chat.*");
		sender.emit("chat.message", "hi", null, Map.of("traceparent", "00-1"));
		recorder.expect("chat.message").withPayload(String.class, "hi").withHeader("traceparent", "00-1").await();
	}

	@Test
	void barrierShouldProveThatNothingElseCameFromThePublisher() {
		DEntryPoint receiver = this.broker.connectClient();
		DEntryPoint sender = this.broker.connectClient();
		EventRecorder recorder = EventRecorder.on(receiver, "*");
		for (int i = 0; i < 100; i++) {
			sender.emit("count", i);
		}
		recorder.barrier(sender);
		// after the barrier, all 100 are here, in order, and nothing else
		assertThat(recorder.payloads("count", Integer.class)).hasSize(100).isSorted();
		assertThat(recorder.events("other")).isEmpty();
	}

	@Test
	void brokerShouldStayUpBetweenTestsOfTheClass() {
		assertThat(this.broker.broker().isRunning()).isTrue();
		assertThat(this.broker.stats().handshakes()).isGreaterThanOrEqualTo(0);
	}

}
