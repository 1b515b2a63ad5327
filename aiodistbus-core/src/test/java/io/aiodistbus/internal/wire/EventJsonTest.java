package io.aiodistbus.internal.wire;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.aiodistbus.DropReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventJsonTest {

	private static final String ID = "0c8a3e57-4a1f-4f3e-9d1c-2b5e8f7a6c10";

	private static final String TS = "2026-11-28T12:00:00.123456";

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static WireFormatException readFails(String json) {
		return assertThatExceptionOfType(WireFormatException.class).isThrownBy(() -> EventJson.read(utf8(json)))
			.actual();
	}

	@Test
	void writesCompactKeysInPythonOrder() {
		byte[] json = EventJson.write("chat.message", new byte[] { 0, 9, 10, 99, 100, (byte) 255 }, "builtins.bytes",
				ID, TS);
		assertThat(new String(json, StandardCharsets.US_ASCII)).isEqualTo("{\"type\":\"chat.message\","
				+ "\"data\":[0,9,10,99,100,255],\"dtype\":\"builtins.bytes\",\"id\":\"" + ID + "\",\"timestamp\":\""
				+ TS + "\"}");
		assertThat(new String(EventJson.write("t", new byte[0], null, ID, TS), StandardCharsets.US_ASCII))
			.isEqualTo("{\"type\":\"t\",\"data\":[],\"dtype\":null,\"id\":\"" + ID + "\",\"timestamp\":\"" + TS + "\"}");
	}

	@Test
	void escapesStrings() {
		byte[] json = EventJson.write("caf\u00e9.\"q\"", null, null, ID, TS);
		assertThat(new String(json, StandardCharsets.US_ASCII)).startsWith("{\"type\":\"caf\\u00e9.\\\"q\\\"\",");
		assertThat(EventJson.read(json).type()).isEqualTo("caf\u00e9.\"q\"");
	}

	@Test
	void readsAllByteValues() {
		byte[] all = new byte[256];
		for (int i = 0; i < all.length; i++) {
			all[i] = (byte) i;
		}
		assertThat(EventJson.read(EventJson.write("t", all, "builtins.bytes", ID, TS)).data()).isEqualTo(all);
	}

	@Test
	void readsAnyKeyOrderSeparatorsAndExtraKeys() {
		WireEvent event = EventJson.read(utf8("{ \"timestamp\" : \"" + TS + "\",\n \"seq\": {\"n\": [1, 2]}, \"id\": \""
				+ ID + "\", \"dtype\": \"builtins.int\", \"data\": [ 52 , 50 ], \"type\": \"t\", \"more\": null }"));
		assertThat(event).isEqualTo(new WireEvent("t", new byte[] { 52, 50 }, "builtins.int", ID, TS));
		assertThat(event.instant()).hasToString("2026-11-28T12:00:00.123456Z");
	}

	@Test
	void rejectsMalformedEvents() {
		String good = "\"data\": null, \"dtype\": null, \"id\": \"" + ID + "\", \"timestamp\": \"" + TS + "\"";
		assertThat(readFails("{\"type\": \"t\", " + good).reason()).isEqualTo(DropReason.JSON);
		assertThat(readFails("[1]").getMessage()).contains("not a JSON object");
		assertThat(readFails("").reason()).isEqualTo(DropReason.JSON);
		assertThat(readFails("{\"type\": \"t\", " + good + "} {}").getMessage()).contains("after");
		assertThat(readFails("{\"type\": 5, " + good + "}").getMessage()).contains("'type' must be a string");
		assertThat(readFails("{" + good + "}").getMessage()).contains("missing key(s) type");
		assertThat(readFails("{\"type\": \"t\", \"id\": \"x\"}").getMessage())
			.contains("missing key(s) data, dtype, timestamp");
		WireFormatException tooBig = readFails("{\"type\": \"t\", \"data\": [1, 300], \"dtype\": null, \"id\": \"i\", "
				+ "\"timestamp\": \"" + TS + "\"}");
		assertThat(tooBig.getMessage()).contains("300").contains("index 1");
		assertThat(tooBig.eventType()).isEqualTo("t");
		assertThat(readFails("{\"type\": \"t\", \"data\": [-1], \"dtype\": null, \"id\": \"i\", \"timestamp\": \"x\"}")
			.getMessage()).contains("-1");
		assertThat(readFails("{\"type\": \"t\", \"data\": [1.0], \"dtype\": null, \"id\": \"i\", \"timestamp\": \"x\"}")
			.getMessage()).contains("1.0");
		assertThat(readFails("{\"type\": \"t\", \"data\": [99999999999], \"dtype\": null, \"id\": \"i\", "
				+ "\"timestamp\": \"x\"}").reason()).isEqualTo(DropReason.JSON);
		assertThat(readFails("{\"type\": \"t\", \"data\": \"AQI=\", \"dtype\": null, \"id\": \"i\", \"timestamp\": \"x\"}")
			.getMessage()).contains("'data' must be an array");
		assertThat(readFails("{\"type\": \"t\", \"data\": null, \"dtype\": 1, \"id\": \"i\", \"timestamp\": \"x\"}")
			.getMessage()).contains("'dtype' must be a string");
	}

	@Test
	void badTimestampIsReportedWhenParsed() {
		WireEvent event = EventJson.read(utf8("{\"type\": \"t\", \"data\": null, \"dtype\": null, \"id\": \"i\", "
				+ "\"timestamp\": \"yesterday\"}"));
		assertThatExceptionOfType(WireFormatException.class).isThrownBy(event::instant)
			.withMessageContaining("yesterday")
			.extracting(WireFormatException::reason)
			.isEqualTo(DropReason.JSON);
	}
}
