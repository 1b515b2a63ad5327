package io.aiodistbus.autoconfigure.jackson;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.AiodistbusAutoConfiguration;
import io.aiodistbus.codec.DtypeRegistry;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.codec.PayloadMapper;
import io.aiodistbus.codec.RawPayload;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.event.BusEvent;
import io.aiodistbus.event.Event;
import io.aiodistbus.test.EventRecorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AiodistbusJacksonAutoConfigurationTests {

	private static final Instant CHECK_IN = Instant.parse("2026-11-28T15:00:00Z");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
				AiodistbusJacksonAutoConfiguration.class, AiodistbusAutoConfiguration.class))
		.withPropertyValues("aiodistbus.mode=broker", "aiodistbus.broker.port=0");

	@BusEvent(value = "hotel.booked", dtype = "__main__.Booking")
	record Booking(String guestName, Instant checkIn) {
	}

	record Relayed(String from, Object inner) {
	}

	@Test
	void runShouldWritePayloadClassesWithTheSpringJacksonProperties() {
		this.runner
			.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE",
					"spring.jackson.datatype.datetime.write-dates-as-timestamps=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(PayloadMapper.class);
				String json = emittedJson(context.getBean(EntryPoint.class), context.getBean(DEventBus.class));
				assertThat(json).isEqualTo("{\"guest_name\":\"Ada\",\"check_in\":1795878000.000000000}");
			});
	}

	@Test
	void runShouldReadPayloadClassesWithTheSpringJacksonProperties() {
		this.runner.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE").run((context) -> {
			EntryPoint entryPoint = context.getBean(EntryPoint.class);
			try (EventRecorder bookings = EventRecorder.on(entryPoint, "hotel.booked");
					DEntryPoint python = new DEntryPoint()) {
				python.connect("127.0.0.1", context.getBean(DEventBus.class).port(), Duration.ofSeconds(10));
				// what a Python peer sends: a dict with its own field names
				python.emit("hotel.booked", Map.of("guest_name", "Bob", "check_in", CHECK_IN.toString()));
				await().until(() -> bookings.count("hotel.booked") == 1);
				assertThat(bookings.payloads("hotel.booked", Booking.class))
					.containsExactly(new Booking("Bob", CHECK_IN));
			}
		});
	}

	@Test
	void runWithUserJsonMapperShouldWriteWithIt() {
		this.runner
			.withBean(JsonMapper.class,
					() -> JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE).build())
			.run((context) -> {
				String json = emittedJson(context.getBean(EntryPoint.class), context.getBean(DEventBus.class));
				assertThat(json).isEqualTo("{\"guest-name\":\"Ada\",\"check-in\":\"2026-11-28T15:00:00Z\"}");
			});
	}

	@Test
	void runShouldWriteARawPayloadInsideAPayloadAsItsJson() {
		this.runner.run((context) -> {
			PayloadCodec codec = context.getBean(PayloadCodec.class);
			byte[] unknown = "{\"x\": 1}".getBytes(StandardCharsets.UTF_8);
			RawPayload raw = codec.decode(unknown, "py.Unknown", RawPayload.class);
			assertThat(codec.encode(new Relayed("py", raw))).asString(StandardCharsets.UTF_8)
				.isEqualTo("{\"from\":\"py\",\"inner\":{\"x\":1}}");
		});
	}

	@Test
	void runWithUserPayloadMapperShouldBackOff() {
		PayloadMapper own = new PayloadMapper() {

			@Override
			public byte[] write(Object payload) {
				return "{\"own\":true}".getBytes(StandardCharsets.UTF_8);
			}

			@Override
			public Object read(byte[] json, Class<?> type) {
				throw new UnsupportedOperationException();
			}
		};
		this.runner.withBean(PayloadMapper.class, () -> own).run((context) -> {
			assertThat(context).getBean(PayloadMapper.class).isSameAs(own);
			assertThat(context.getBean(PayloadCodec.class).encode(new Booking("Ada", CHECK_IN)))
				.asString(StandardCharsets.UTF_8)
				.isEqualTo("{\"own\":true}");
		});
	}

	@Test
	void runWithoutJsonMapperShouldUseTheSharedCodec() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AiodistbusJacksonAutoConfiguration.class,
				AiodistbusAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PayloadMapper.class);
				assertThat(context.getBean(PayloadCodec.class)).isSameAs(PayloadCodec.shared());
			});
	}

	/** Emits a booking from the application and returns its payload as a peer that knows no classes sees it. */
	private static String emittedJson(EntryPoint entryPoint, DEventBus broker) {
		try (DEntryPoint peer = new DEntryPoint(ClientOptions.defaults(), new PayloadCodec(new DtypeRegistry()));
				EventRecorder received = EventRecorder.on(peer, "hotel.booked")) {
			peer.connect("127.0.0.1", broker.port(), Duration.ofSeconds(10));
			entryPoint.emit(new Booking("Ada", CHECK_IN));
			await().until(() -> received.count("hotel.booked") == 1);
			Event event = received.events().get(0);
			return new String(((RawPayload) event.data()).bytes(), StandardCharsets.UTF_8);
		}
	}
}
