package io.aiodistbus.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.scan.Preferences;
import io.aiodistbus.autoconfigure.scan.ScanConfiguration;
import io.aiodistbus.autoconfigure.scan.Scanned;
import io.aiodistbus.codec.DtypeRegistry;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.ConnectTimeoutException;
import io.aiodistbus.distributed.ConnectionState;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.event.Event;
import io.aiodistbus.spring.EventHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClientModeAutoConfigurationTests {

	private final DEventBus broker = new DEventBus();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class))
		.withPropertyValues("aiodistbus.mode=client", "aiodistbus.client.port=" + this.broker.port());

	@AfterEach
	void closeBroker() {
		this.broker.close();
	}

	@Test
	void runShouldConnectClientEntryPointToBroker() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(DEventBus.class);
			assertThat(context.getBean(EntryPoint.class)).isInstanceOfSatisfying(DEntryPoint.class, (client) -> {
				assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
				assertThat(client.stats().endpoint()).isEqualTo("127.0.0.1:" + this.broker.port());
			});
		});
	}

	@Test
	void userObserverBeansShouldObserveTheEntryPoint() {
		this.runner.withBean(RecordingObserver.class).run((context) -> context.getBean(RecordingObserver.class)
			.hearsEmitsAndHandlersOf(context.getBean(EntryPoint.class)));
	}

	@Test
	void eventHandlersShouldReceiveEventsFromOtherClients() {
		this.runner.withBean(Handlers.class).run((context) -> {
			Handlers handlers = context.getBean(Handlers.class);
			try (DEntryPoint other = new DEntryPoint()) {
				other.connect("127.0.0.1", this.broker.port(), Duration.ofSeconds(10));
				other.emit(new ChatMessage("bob", "hi"));
				await().untilAsserted(() -> assertThat(handlers.payloads).containsExactly(new ChatMessage("bob", "hi")));
			}
		});
	}

	@Test
	void busEventClassesShouldDecodeForEventHandlersOfPatterns() {
		// Fresh codecs on both sides: only the start-up scan can teach the application the dtype.
		this.runner.withUserConfiguration(ScanConfiguration.class)
			.withBean(PayloadCodec.class, () -> new PayloadCodec(new DtypeRegistry()))
			.withBean(ScanHandler.class)
			.run((context) -> {
				ScanHandler handler = context.getBean(ScanHandler.class);
				try (DEntryPoint other = new DEntryPoint(ClientOptions.defaults(),
						new PayloadCodec(new DtypeRegistry()))) {
					other.connect("127.0.0.1", this.broker.port(), Duration.ofSeconds(10));
					other.emit(new Scanned(7));
					await().untilAsserted(() -> assertThat(handler.events).singleElement()
						.extracting(Event::data)
						.isEqualTo(new Scanned(7)));
				}
			});
	}

	@Test
	void eventedBeanClassesShouldDecodeInAnApplicationThatNeverEmittedThem() {
		// Fresh codecs on both sides: the receiver learns the class only from its start-up scan.
		this.runner.withUserConfiguration(ScanConfiguration.class)
			.withBean(PayloadCodec.class, () -> new PayloadCodec(new DtypeRegistry()))
			.withBean(PreferencesHandler.class)
			.run((receiver) -> this.runner.withBean(PayloadCodec.class, () -> new PayloadCodec(new DtypeRegistry()))
				.withBean(Preferences.class)
				.run((sender) -> {
					sender.getBean(Preferences.class).setTheme("dark");
					PreferencesHandler handler = receiver.getBean(PreferencesHandler.class);
					await().untilAsserted(() -> assertThat(handler.events).singleElement()
						.extracting(Event::data)
						.isInstanceOfSatisfying(Preferences.class,
								(preferences) -> assertThat(preferences.getTheme()).isEqualTo("dark")));
				}));
	}

	@Test
	void unreachableBrokerShouldFailStartup() throws IOException {
		int unused;
		try (ServerSocket socket = new ServerSocket(0)) {
			unused = socket.getLocalPort();
		}
		this.runner
			.withPropertyValues("aiodistbus.client.port=" + unused, "aiodistbus.client.connect-timeout=300ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ConnectTimeoutException.class)
				.hasMessageContaining("127.0.0.1:" + unused));
	}

	static class PreferencesHandler {

		final List<Event> events = new CopyOnWriteArrayList<>();

		@EventHandler("Preferences.changed")
		void on(Event event) {
			this.events.add(event);
		}

	}

	static class ScanHandler {

		final List<Event> events = new CopyOnWriteArrayList<>();

		@EventHandler("scan.*")
		void on(Event event) {
			this.events.add(event);
		}

	}

}
