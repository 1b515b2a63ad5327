package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ClientOptions} and {@link BrokerOptions}: their defaults are the {@code DEFAULT_*}
 * constants, builders and {@code toBuilder()} copy every value, the withers change one, and an
 * invalid value fails with a message that starts with the component's name.
 */
class OptionsTests {

	private final CurveKeyPair keys = CurveKeyPair.generate();

	@Test
	void clientDefaultsAreTheConstants() {
		assertThat(ClientOptions.builder().build()).isEqualTo(ClientOptions.defaults())
			.isEqualTo(new ClientOptions(ClientOptions.DEFAULT_PULSE_CHECK_INTERVAL, ClientOptions.DEFAULT_PULSE_LIMIT,
					ClientOptions.DEFAULT_RECONNECT, ClientOptions.DEFAULT_CONNECT_TIMEOUT,
					ClientOptions.DEFAULT_INBOUND_CAPACITY, ClientOptions.DEFAULT_OVERFLOW_POLICY,
					ClientOptions.DEFAULT_PUSH_HIGH_WATER_MARK, ClientOptions.DEFAULT_CLOSE_FLUSH_TIMEOUT, null,
					ClientOptions.DEFAULT_SEND_TIMEOUT, ClientOptions.DEFAULT_MAX_MESSAGE_SIZE,
					ClientOptions.DEFAULT_WIRE_FORMAT, ClientOptions.DEFAULT_INLINE_DISPATCH));
		assertThat(ClientOptions.DEFAULT_PULSE_CHECK_INTERVAL).isEqualTo(Duration.ofSeconds(50));
		assertThat(ClientOptions.DEFAULT_PULSE_LIMIT).isEqualTo(4);
	}

	@Test
	void brokerDefaultsAreTheConstants() {
		assertThat(BrokerOptions.builder().build()).isEqualTo(BrokerOptions.defaults())
			.isEqualTo(new BrokerOptions(BrokerOptions.DEFAULT_HOST, BrokerOptions.DEFAULT_PORT,
					BrokerOptions.DEFAULT_PULSE, BrokerOptions.DEFAULT_PUBLISH_HIGH_WATER_MARK,
					BrokerOptions.DEFAULT_MAX_MESSAGE_SIZE, null));
		assertThat(BrokerOptions.DEFAULT_PULSE).isEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void clientBuilderSetsEveryValueAndToBuilderCopiesThem() {
		ClientSecurity security = ClientSecurity.curve(this.keys, this.keys.publicKey());
		ClientOptions options = ClientOptions.builder()
			.pulseCheckInterval(Duration.ofSeconds(2))
			.pulseLimit(7)
			.reconnect(false)
			.connectTimeout(Duration.ofSeconds(3))
			.inboundCapacity(11)
			.overflowPolicy(OverflowPolicy.DROP_OLDEST)
			.pushHighWaterMark(13)
			.closeFlushTimeout(Duration.ofMillis(17))
			.security(security)
			.sendTimeout(Duration.ZERO)
			.maxMessageSize(19)
			.wireFormat(WireFormat.PYTHON)
			.inlineDispatch(true)
			.build();
		assertThat(options).isEqualTo(new ClientOptions(Duration.ofSeconds(2), 7, false, Duration.ofSeconds(3), 11,
				OverflowPolicy.DROP_OLDEST, 13, Duration.ofMillis(17), security, Duration.ZERO, 19, WireFormat.PYTHON, true));
		assertThat(options.toBuilder().build()).isEqualTo(options).isNotSameAs(options);
		assertThat(options.toBuilder().pulseLimit(8).build())
			.isEqualTo(new ClientOptions(Duration.ofSeconds(2), 8, false, Duration.ofSeconds(3), 11,
					OverflowPolicy.DROP_OLDEST, 13, Duration.ofMillis(17), security, Duration.ZERO, 19, WireFormat.PYTHON, true));
	}

	@Test
	void brokerBuilderSetsEveryValueAndToBuilderCopiesThem() {
		BrokerSecurity security = BrokerSecurity.curve(this.keys, List.of(this.keys.publicKey()));
		BrokerOptions options = BrokerOptions.builder()
			.host("::1")
			.port(5555)
			.pulse(Duration.ofSeconds(2))
			.publishHighWaterMark(3)
			.maxMessageSize(5)
			.security(security)
			.build();
		assertThat(options).isEqualTo(new BrokerOptions("::1", 5555, Duration.ofSeconds(2), 3, 5, security));
		assertThat(options.toBuilder().build()).isEqualTo(options).isNotSameAs(options);
		assertThat(options.toBuilder().port(0).build())
			.isEqualTo(new BrokerOptions("::1", 0, Duration.ofSeconds(2), 3, 5, security));
	}

	@Test
	void withersChangeOneValue() {
		ClientOptions defaults = ClientOptions.defaults();
		assertThat(defaults.withPulseCheckInterval(Duration.ofSeconds(1)))
			.isEqualTo(defaults.toBuilder().pulseCheckInterval(Duration.ofSeconds(1)).build());
		assertThat(defaults.withInbound(5, OverflowPolicy.DROP_NEWEST))
			.isEqualTo(defaults.toBuilder().inboundCapacity(5).overflowPolicy(OverflowPolicy.DROP_NEWEST).build());
		assertThat(defaults.withMaxMessageSize(10).maxMessageSize()).isEqualTo(10);
		assertThat(defaults.withMaxMessageSize(10).withPulseLimit(1).maxMessageSize()).isEqualTo(10);
		assertThat(BrokerOptions.defaults().withPort(5555).withHost("localhost"))
			.isEqualTo(BrokerOptions.builder().host("localhost").port(5555).build());
	}

	@Test
	@SuppressWarnings("deprecation")
	void pulseTtlIsTheCheckInterval() {
		ClientOptions options = ClientOptions.defaults().withPulseTtl(Duration.ofSeconds(3));
		assertThat(options.pulseCheckInterval()).isEqualTo(Duration.ofSeconds(3));
		assertThat(options.pulseTtl()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void invalidClientValuesFailNamingTheComponent() {
		assertInvalid(() -> ClientOptions.builder().pulseCheckInterval(Duration.ZERO).build(),
				"pulseCheckInterval must be positive, was PT0S");
		assertInvalid(() -> ClientOptions.builder().pulseLimit(-1).build(), "pulseLimit must not be negative, was -1");
		assertInvalid(() -> ClientOptions.builder().connectTimeout(Duration.ofSeconds(-1)).build(),
				"connectTimeout must be positive, was PT-1S");
		assertInvalid(() -> ClientOptions.builder().inboundCapacity(0).build(),
				"inboundCapacity must be at least 1, was 0");
		assertInvalid(() -> ClientOptions.builder().pushHighWaterMark(-1).build(),
				"pushHighWaterMark must not be negative, was -1");
		assertInvalid(() -> ClientOptions.builder().closeFlushTimeout(Duration.ofMillis(-1)).build(),
				"closeFlushTimeout must not be negative, was PT-0.001S");
		assertInvalid(() -> ClientOptions.builder().sendTimeout(Duration.ofMillis(-1)).build(),
				"sendTimeout must not be negative, was PT-0.001S");
		assertInvalid(() -> ClientOptions.builder().maxMessageSize(0).build(), "maxMessageSize must be between 1");
		assertInvalid(() -> ClientOptions.builder().maxMessageSize(Integer.MAX_VALUE + 1L).build(),
				"maxMessageSize must be between 1");
		assertThatThrownBy(() -> ClientOptions.builder().overflowPolicy(null).build())
			.isInstanceOf(NullPointerException.class)
			.hasMessage("overflowPolicy must not be null");
		assertThatThrownBy(() -> ClientOptions.builder().sendTimeout(null).build())
			.isInstanceOf(NullPointerException.class)
			.hasMessage("sendTimeout must not be null");
	}

	@Test
	void invalidBrokerValuesFailNamingTheComponent() {
		assertInvalid(() -> BrokerOptions.builder().host(" ").build(), "host must not be blank");
		assertInvalid(() -> BrokerOptions.builder().port(65534).build(),
				"port must be between 0 and 65533 (three ports are bound), was 65534");
		assertInvalid(() -> BrokerOptions.builder().pulse(Duration.ZERO).build(), "pulse must be positive, was PT0S");
		assertInvalid(() -> BrokerOptions.builder().publishHighWaterMark(-1).build(),
				"publishHighWaterMark must not be negative, was -1");
		assertInvalid(() -> BrokerOptions.builder().maxMessageSize(-1).build(), "there is no unlimited setting");
		assertThatThrownBy(() -> BrokerOptions.builder().host(null).build()).isInstanceOf(NullPointerException.class)
			.hasMessage("host must not be null");
	}

	private static void assertInvalid(Runnable build, String message) {
		assertThatThrownBy(build::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
	}

}
