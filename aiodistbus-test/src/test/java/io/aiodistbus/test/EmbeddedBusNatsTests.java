package io.aiodistbus.test;

import java.net.InetAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.nats.NatsEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@EmbeddedBus(transport = EmbeddedBus.Transport.NATS)
class EmbeddedBusNatsTests {

	private final EmbeddedNatsServer server;

	EmbeddedBusNatsTests(EmbeddedNatsServer server) {
		this.server = server;
	}

	@Test
	void serverShouldRunOnLoopback(EmbeddedNatsServer injected) throws Exception {
		assertThat(injected).isSameAs(this.server);
		assertThat(injected.isRunning()).isTrue();
		assertThat(injected.url()).isEqualTo("nats://127.0.0.1:" + injected.port());
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), injected.port())) {
			assertThat(socket.isConnected()).isTrue();
		}
	}

	@Test
	void entryPointsShouldExchangeEventsThroughIt() {
		NatsEntryPoint receiver = this.server.connectEntryPoint();
		NatsEntryPoint sender = this.server.connectEntryPoint();
		assertThat(receiver.state()).isEqualTo(ConnectionState.CONNECTED);
		EventRecorder recorder = EventRecorder.on(receiver, "chat.*");
		sender.emit("chat.message", "hi");
		recorder.expect("chat.message").withPayload(String.class, "hi").await();
		recorder.barrier(sender);
		assertThat(recorder.events()).hasSize(1);
	}

	@Test
	void serverShouldEndOnClose() {
		EmbeddedNatsServer own = EmbeddedNatsServer.start();
		NatsEntryPoint entryPoint = own.connectEntryPoint();
		own.close();
		assertThat(own.isRunning()).isFalse();
		assertThat(entryPoint.isClosed()).isTrue();
	}

	@Test
	void curveShouldBeRefusedRatherThanIgnored() {
		assertThatIllegalStateException()
			.isThrownBy(() -> EmbeddedBus.Transport.NATS.checkSupported(true, getClass().getClassLoader()))
			.withMessageContaining("not supported with transport = NATS");
	}

}
