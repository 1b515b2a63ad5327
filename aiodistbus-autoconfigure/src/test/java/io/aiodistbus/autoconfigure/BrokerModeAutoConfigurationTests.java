package io.aiodistbus.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.AopTestUtils;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.distributed.BrokerSecurity;
import io.aiodistbus.distributed.ClientSecurity;
import io.aiodistbus.distributed.ConnectTimeoutException;
import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.distributed.CurveKeyPair;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.local.EventBus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class BrokerModeAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class))
		.withPropertyValues("aiodistbus.mode=broker", "aiodistbus.broker.port=0");

	@Test
	void runShouldCreateBrokerAndConnectedClientEntryPoint() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DEventBus.class).doesNotHaveBean(EventBus.class);
			assertThat(context.getBean(DEventBus.class).isRunning()).isTrue();
			assertThat(context.getBean(EntryPoint.class)).isInstanceOfSatisfying(DEntryPoint.class,
					(client) -> assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED));
		});
	}

	@Test
	void withoutAutoStartupTheClientConnectsOnlyWhenTheContextIsStarted() {
		this.runner.withBean(Handlers.class).withPropertyValues("aiodistbus.auto-startup=false").run((context) -> {
			DEntryPoint client = context.getBean(DEntryPoint.class);
			assertThat(context.getBean(DEventBus.class).isRunning()).isTrue();
			assertThat(client.state()).isEqualTo(ConnectionState.NEW);

			context.start();

			assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
			Handlers handlers = AopTestUtils.getTargetObject(context.getBean(Handlers.class));
			client.emit(new ChatMessage("app", "started"));
			await().until(() -> handlers.payloads.contains(new ChatMessage("app", "started")));
		});
	}

	@Test
	void userObserverBeansShouldObserveTheEntryPoint() {
		this.runner.withBean(RecordingObserver.class).run((context) -> context.getBean(RecordingObserver.class)
			.hearsEmitsAndHandlersOf(context.getBean(EntryPoint.class)));
	}

	@Test
	void eachEventShouldReachApplicationAndRemoteClientExactlyOnce() {
		this.runner.withBean(Handlers.class).run((context) -> {
			DEventBus broker = context.getBean(DEventBus.class);
			Handlers handlers = AopTestUtils.getTargetObject(context.getBean(Handlers.class));
			List<ChatMessage> remoteSeen = new CopyOnWriteArrayList<>();
			try (DEntryPoint remote = new DEntryPoint()) {
				remote.on("chat.message", ChatMessage.class, remoteSeen::add);
				remote.connect("127.0.0.1", broker.port(), Duration.ofSeconds(10));

				context.getBean(EntryPoint.class).emit(new ChatMessage("app", "hello"));
				remote.emit(new ChatMessage("remote", "hi"));

				await().until(() -> handlers.payloads.size() == 2 && remoteSeen.size() == 2);
				await().during(Duration.ofMillis(300))
					.atMost(Duration.ofSeconds(2))
					.until(() -> handlers.payloads.size() == 2 && remoteSeen.size() == 2);
				assertThat(handlers.payloads).containsExactlyInAnyOrder(new ChatMessage("app", "hello"),
						new ChatMessage("remote", "hi"));
				assertThat(remoteSeen).containsExactlyInAnyOrder(new ChatMessage("app", "hello"),
						new ChatMessage("remote", "hi"));
			}
		});
	}

	@Test
	void customizersShouldSecureBrokerAndInAppClient() {
		CurveKeyPair brokerKeys = CurveKeyPair.generate();
		CurveKeyPair appKeys = CurveKeyPair.generate();
		this.runner
			.withBean(BrokerOptionsCustomizer.class,
					() -> (options) -> options.withSecurity(BrokerSecurity.curve(brokerKeys, appKeys.publicKey())))
			.withBean(ClientOptionsCustomizer.class,
					() -> (options) -> options.withSecurity(ClientSecurity.curve(appKeys, brokerKeys.publicKey())))
			.run((context) -> {
				assertThat(context.getBean(EntryPoint.class)).isInstanceOfSatisfying(DEntryPoint.class,
						(client) -> assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED));
				try (DEntryPoint stranger = new DEntryPoint()) {
					assertThatExceptionOfType(ConnectTimeoutException.class).isThrownBy(() -> stranger
						.connect("127.0.0.1", context.getBean(DEventBus.class).port(), Duration.ofMillis(500)));
				}
			});
	}

	@Test
	void closingContextShouldCloseClientThenBroker() {
		this.runner.run((context) -> {
			DEntryPoint client = (DEntryPoint) context.getBean(EntryPoint.class);
			DEventBus broker = context.getBean(DEventBus.class);
			List<ConnectionState> states = new CopyOnWriteArrayList<>();
			client.addStateListener(states::add);
			context.close();
			assertThat(broker.isRunning()).isFalse();
			// closed by the application, not disrupted by the broker going first
			assertThat(states).containsExactly(ConnectionState.CLOSED);
		});
	}

}
