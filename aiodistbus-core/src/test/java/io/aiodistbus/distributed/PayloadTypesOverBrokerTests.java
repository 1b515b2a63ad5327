package io.aiodistbus.distributed;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.aiodistbus.codec.DtypeRegistry;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.codec.RawPayload;
import io.aiodistbus.contract.Catcher;
import io.aiodistbus.event.BusEvent;
import io.aiodistbus.event.Event;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payload classes with {@code java.time}, {@code Optional} and {@code Object} fields, which a local bus
 * passes as they are, cross a real broker with the default codec.
 */
class PayloadTypesOverBrokerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final DEventBus broker = new DEventBus();

	private final DEntryPoint sender = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(TIMEOUT));

	private final DEntryPoint receiver = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(TIMEOUT));

	/** Knows no payload class, so it sees the bytes as they came. */
	private final DEntryPoint inspector = new DEntryPoint(ClientOptions.defaults().withConnectTimeout(TIMEOUT),
			new PayloadCodec(new DtypeRegistry()));

	@BusEvent(value = "calendar.booked", dtype = "__main__.Appointment")
	record Appointment(String title, Instant at, LocalDate day, Duration length, Optional<String> room,
			Optional<String> note, Object extra) {
	}

	@AfterEach
	void close() {
		this.inspector.close();
		this.receiver.close();
		this.sender.close();
		this.broker.close();
	}

	@Test
	void javaTimeOptionalAndObjectFieldsRoundTrip() {
		Catcher<Appointment> appointments = new Catcher<>();
		Catcher<Event> raw = new Catcher<>();
		this.receiver.on("calendar.booked", Appointment.class, appointments);
		this.inspector.on("calendar.booked", raw);
		this.receiver.connect("127.0.0.1", this.broker.port());
		this.inspector.connect("127.0.0.1", this.broker.port());
		this.sender.connect("127.0.0.1", this.broker.port());
		Instant at = Instant.parse("2026-11-28T12:00:00.123456Z");
		Appointment sent = new Appointment("review", at, LocalDate.of(2026, 11, 28), Duration.ofMillis(1500),
				Optional.of("A1"), Optional.empty(), Map.of("tags", List.of(1, 2), "when", at));

		this.sender.emit("calendar.booked", sent);

		Appointment received = appointments.awaitOne();
		assertThat(received).usingRecursiveComparison().ignoringFields("extra").isEqualTo(sent);
		// an Object field has no class to decode to: it comes back as JSON's natural types
		assertThat(received.extra()).isEqualTo(Map.of("tags", List.of(1, 2), "when", "2026-11-28T12:00:00.123456Z"));
		JsonNode json = ((RawPayload) raw.awaitOne().data()).json();
		assertThat(json.get("at").textValue()).isEqualTo("2026-11-28T12:00:00.123456Z");
		assertThat(json.get("day").textValue()).isEqualTo("2026-11-28");
		assertThat(json.get("length").textValue()).isEqualTo("PT1.5S");
		assertThat(json.get("room").textValue()).isEqualTo("A1");
		assertThat(json.get("note").isNull()).isTrue();
	}
}
