package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.aiodistbus.NoRespondersException;
import io.aiodistbus.contract.CompletableFutureAssert;
import io.aiodistbus.local.EventBus;

import static org.assertj.core.api.Assertions.assertThat;

/** What the broker does for request/reply beyond the contract suite. */
class RequestReplyBrokerTests {

	@Test
	void aLocalForwardOfEveryTypeIsNoResponder() {
		try (DEventBus broker = new DEventBus(); EventBus monitor = new EventBus(); DEntryPoint requester = new DEntryPoint()) {
			// as the standalone broker's monitor does: it cannot answer, so it must not make requests wait
			broker.forward(monitor, "*");
			requester.connect("127.0.0.1", broker.port(), Duration.ofSeconds(20));

			CompletableFutureAssert.assertFailsWith(requester.request("nobody.home", 1, Integer.class,
					Duration.ofSeconds(15)), NoRespondersException.class);
		}
	}

	@Test
	void aResponderInPythonsFormatAnswersANativeRequester() throws Exception {
		try (DEventBus broker = new DEventBus();
				DEntryPoint responder = new DEntryPoint(ClientOptions.defaults().withWireFormat(WireFormat.PYTHON));
				DEntryPoint requester = new DEntryPoint()) {
			responder.on("math.double", (event) -> responder.reply(event, ((Number) event.data()).intValue() * 2));
			responder.connect("127.0.0.1", broker.port(), Duration.ofSeconds(20));
			requester.connect("127.0.0.1", broker.port(), Duration.ofSeconds(20));

			assertThat(requester.request("math.double", 4, Integer.class, Duration.ofSeconds(10))
				.get(20, TimeUnit.SECONDS)).isEqualTo(8);
			assertThat(broker.stats().droppedTotal()).isZero();
		}
	}
}
