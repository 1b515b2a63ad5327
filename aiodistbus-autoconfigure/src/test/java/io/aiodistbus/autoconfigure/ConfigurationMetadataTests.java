package io.aiodistbus.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata the configuration processor generates, which IDEs show: every property described,
 * with its default.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyShouldHaveDescriptionAndDefault() throws IOException {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = new ObjectMapper().readTree(in);
		}
		Map<String, JsonNode> properties = new TreeMap<>();
		metadata.get("properties").forEach((property) -> properties.put(property.get("name").asText(), property));
		assertThat(properties).containsOnlyKeys("aiodistbus.mode", "aiodistbus.namespaces", "aiodistbus.broker.host",
				"aiodistbus.broker.port", "aiodistbus.broker.pulse", "aiodistbus.client.host", "aiodistbus.client.port",
				"aiodistbus.client.connect-timeout", "aiodistbus.client.pulse-ttl", "aiodistbus.client.pulse-limit",
				"aiodistbus.client.reconnect");
		properties.forEach((name, property) -> {
			assertThat(property.path("description").asText()).as(name).isNotBlank();
			assertThat(property.has("defaultValue")).as(name).isTrue();
		});
		assertThat(properties.get("aiodistbus.namespaces").get("defaultValue").toString())
			.isEqualTo("[\"default\"]");
	}

}
