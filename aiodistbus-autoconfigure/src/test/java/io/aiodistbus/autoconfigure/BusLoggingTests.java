package io.aiodistbus.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.distributed.DEventBus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the bus says at INFO: what it is at start-up, and each connection of the client.
 */
@ExtendWith(OutputCaptureExtension.class)
class BusLoggingTests {

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class));

	@BeforeEach
	void logInfo() {
		this.loggingSystem.setLogLevel("io.aiodistbus", LogLevel.INFO);
	}

	@AfterEach
	void restoreLogLevel() {
		this.loggingSystem.setLogLevel("io.aiodistbus", null);
	}

	@Test
	void localModeShouldSayWhatTheBusIs(CapturedOutput output) {
		this.runner.withBean(Handlers.class)
			.run((context) -> assertThat(output.getOut()).contains(
					"aiodistbus in 'local' mode: an in-process event bus, no broker; 5 handlers in namespaces [default]"));
	}

	@Test
	void brokerModeShouldSayWhatTheBusIs(CapturedOutput output) {
		this.runner.withPropertyValues("aiodistbus.mode=broker", "aiodistbus.broker.port=0").run((context) -> {
			int port = context.getBean(DEventBus.class).port();
			assertThat(output.getOut()).contains("aiodistbus in 'broker' mode: an embedded broker on 127.0.0.1:" + port
					+ " (handshake), " + (port + 1) + " (publish), " + (port + 2) + " (collect), " + (port + 3) + " (native publish)");
		});
	}

	@Test
	void clientShouldLogEachConnectionAndTheLossOfTheBroker(CapturedOutput output) {
		DEventBus[] broker = { new DEventBus() };
		int port = broker[0].port();
		try {
			this.runner.withPropertyValues("aiodistbus.mode=client", "aiodistbus.client.port=" + port)
				.run((context) -> {
					String client = context.getBean(EntryPoint.class).id();
					assertThat(output.getOut()).containsPattern("INFO .*DEntryPoint\\[aiodistbus-client-\\d+, " + client
							+ "] connected to the broker at 127.0.0.1:" + port);
					broker[0].close();
					await().atMost(Duration.ofSeconds(20))
						.until(() -> output.getOut().contains("lost the broker at 127.0.0.1:" + port));
					broker[0] = new DEventBus("127.0.0.1", port);
					await().atMost(Duration.ofSeconds(30))
						.until(() -> output.getOut().contains("reconnected to the broker at 127.0.0.1:" + port));
				});
		}
		finally {
			broker[0].close();
		}
	}

}
