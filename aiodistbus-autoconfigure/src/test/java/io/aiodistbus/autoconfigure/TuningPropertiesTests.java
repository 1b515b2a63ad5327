package io.aiodistbus.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.aiodistbus.DropReason;
import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.OverflowPolicy;
import io.aiodistbus.distributed.WireFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The queue and size properties of the client and the broker: their defaults are core's, their
 * values reach the options, and invalid ones fail naming the property.
 */
class TuningPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class));

	@Test
	void defaultsShouldBeCoreDefaults() {
		this.runner.run((context) -> {
			AiodistbusProperties properties = context.getBean(AiodistbusProperties.class);
			ClientOptions client = ClientBusConfiguration.clientOptions(properties.getClient(), null,
					context.getBeanProvider(ClientOptionsCustomizer.class));
			BrokerOptions broker = BrokerBusConfiguration.brokerOptions(properties,
					context.getBeanProvider(BrokerOptionsCustomizer.class));
			assertThat(client).isEqualTo(ClientOptions.defaults());
			assertThat(broker).isEqualTo(BrokerOptions.defaults().withPort(5555));
		});
	}

	@Test
	void clientPropertiesShouldReachOptions() {
		this.runner
			.withPropertyValues("aiodistbus.client.inbound-capacity=10", "aiodistbus.client.overflow-policy=drop-oldest",
					"aiodistbus.client.push-high-water-mark=20", "aiodistbus.client.send-timeout=0",
					"aiodistbus.client.close-flush-timeout=250ms", "aiodistbus.client.max-message-size=64KB",
					"aiodistbus.client.wire-format=python", "aiodistbus.client.inline-dispatch=true")
			.run((context) -> {
				ClientOptions options = ClientBusConfiguration.clientOptions(
						context.getBean(AiodistbusProperties.class).getClient(), null,
						context.getBeanProvider(ClientOptionsCustomizer.class));
				assertThat(options.inboundCapacity()).isEqualTo(10);
				assertThat(options.overflowPolicy()).isEqualTo(OverflowPolicy.DROP_OLDEST);
				assertThat(options.pushHighWaterMark()).isEqualTo(20);
				assertThat(options.sendTimeout()).isZero();
				assertThat(options.closeFlushTimeout()).isEqualTo(Duration.ofMillis(250));
				assertThat(options.maxMessageSize()).isEqualTo(64 * 1024);
				assertThat(options.wireFormat()).isEqualTo(WireFormat.PYTHON);
				assertThat(options.inlineDispatch()).isTrue();
			});
	}

	@Test
	void brokerPropertiesShouldReachOptions() {
		this.runner
			.withPropertyValues("aiodistbus.broker.publish-high-water-mark=30", "aiodistbus.broker.max-message-size=4MB")
			.run((context) -> {
				BrokerOptions options = BrokerBusConfiguration.brokerOptions(context.getBean(AiodistbusProperties.class),
						context.getBeanProvider(BrokerOptionsCustomizer.class));
				assertThat(options.publishHighWaterMark()).isEqualTo(30);
				assertThat(options.maxMessageSize()).isEqualTo(4 * 1024 * 1024);
			});
	}

	@Test
	void embeddedBrokersClientShouldRefuseEventsOverItsMaxMessageSize() {
		this.runner
			.withPropertyValues("aiodistbus.mode=broker", "aiodistbus.broker.port=0",
					"aiodistbus.client.max-message-size=1KB")
			.run((context) -> {
				DEntryPoint client = context.getBean(DEntryPoint.class);
				assertThatThrownBy(() -> client.emit(new ChatMessage("local", "x".repeat(2000))))
					.isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("maximum message size of 1024 bytes");
				assertThat(client.stats().dropped()).containsEntry(DropReason.OVERSIZE, 1L);
			});
	}

	@Test
	void invalidTuningValuesShouldFailNamingProperty() {
		assertFailure("aiodistbus.client.inbound-capacity=0", "aiodistbus.client.inbound-capacity must be at least 1");
		assertFailure("aiodistbus.client.overflow-policy=drop-all", "aiodistbus.client.overflow-policy");
		assertFailure("aiodistbus.client.push-high-water-mark=-1",
				"aiodistbus.client.push-high-water-mark must not be negative, was -1");
		assertFailure("aiodistbus.client.send-timeout=-1s", "aiodistbus.client.send-timeout must not be negative");
		assertFailure("aiodistbus.client.close-flush-timeout=-1s",
				"aiodistbus.client.close-flush-timeout must not be negative");
		assertFailure("aiodistbus.broker.publish-high-water-mark=-1",
				"aiodistbus.broker.publish-high-water-mark must not be negative, was -1");
		assertFailure("aiodistbus.broker.max-message-size=0",
				"aiodistbus.broker.max-message-size must be between 1 and 2147483647 bytes");
		assertFailure("aiodistbus.broker.max-message-size=-1", "there is no unlimited setting");
		assertFailure("aiodistbus.client.max-message-size=2GB", "aiodistbus.client.max-message-size must be between");
	}

	@Test
	void invalidOptionValuesShouldFailWithTheOptionsRuleNamingProperty() {
		assertRootCause("aiodistbus.client.pulse-ttl=0s", "aiodistbus.client.pulse-ttl must be positive, was PT0S");
		assertRootCause("aiodistbus.client.pulse-limit=-1", "aiodistbus.client.pulse-limit must not be negative, was -1");
		assertRootCause("aiodistbus.client.connect-timeout=-1s",
				"aiodistbus.client.connect-timeout must be positive, was PT-1S");
		assertRootCause("aiodistbus.client.inbound-capacity=0",
				"aiodistbus.client.inbound-capacity must be at least 1, was 0");
		assertRootCause("aiodistbus.broker.pulse=0s", "aiodistbus.broker.pulse must be positive, was PT0S");
		assertRootCause("aiodistbus.broker.host= ", "aiodistbus.broker.host must not be blank");
		assertRootCause("aiodistbus.broker.port=65534",
				"aiodistbus.broker.port must be between 0 and 65533 (three ports are bound), was 65534");
	}

	private void assertRootCause(String property, String message) {
		this.runner.withPropertyValues(property)
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessage(message));
	}

	private void assertFailure(String property, String message) {
		this.runner.withPropertyValues(property)
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining(message));
	}

}
