package io.aiodistbus.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata the configuration processor generates, which IDEs show: every property described,
 * with its true default.
 */
class ConfigurationMetadataTests {

	// Unset by default, which is their meaning: no key configured.
	private static final Set<String> WITHOUT_DEFAULT = Set.of("aiodistbus.security.public-key", "aiodistbus.security.secret-key", "aiodistbus.security.key-file",
			"aiodistbus.security.broker-public-key", "aiodistbus.security.allowed-client-keys",
			"aiodistbus.security.allowed-client-keys-file", "aiodistbus.nats.connection-name", "aiodistbus.nats.user",
			"aiodistbus.nats.password", "aiodistbus.nats.token", "aiodistbus.nats.nkey-seed",
			"aiodistbus.nats.creds-file");

	@Test
	void everyPropertyShouldHaveDescriptionAndDefault() throws IOException {
		Map<String, JsonNode> properties = properties();
		assertThat(properties).containsOnlyKeys("aiodistbus.mode", "aiodistbus.namespaces", "aiodistbus.auto-startup", "aiodistbus.observation-enabled", "aiodistbus.broker.host",
				"aiodistbus.broker.port", "aiodistbus.broker.pulse", "aiodistbus.broker.publish-high-water-mark",
				"aiodistbus.broker.max-message-size", "aiodistbus.client.host", "aiodistbus.client.port",
				"aiodistbus.client.connect-timeout", "aiodistbus.client.pulse-ttl", "aiodistbus.client.pulse-limit",
				"aiodistbus.client.reconnect", "aiodistbus.client.fail-fast", "aiodistbus.client.pending-emit-limit",
				"aiodistbus.client.inbound-capacity", "aiodistbus.client.overflow-policy",
				"aiodistbus.client.wire-format", "aiodistbus.client.inline-dispatch", "aiodistbus.client.push-high-water-mark",
				"aiodistbus.client.send-timeout",
				"aiodistbus.client.close-flush-timeout", "aiodistbus.client.shutdown-timeout",
				"aiodistbus.client.max-message-size",
				"aiodistbus.security.enabled", "aiodistbus.security.public-key",
				"aiodistbus.security.secret-key", "aiodistbus.security.key-file", "aiodistbus.security.broker-public-key",
				"aiodistbus.security.allowed-client-keys", "aiodistbus.security.allowed-client-keys-file",
				"aiodistbus.error.retry.max-attempts", "aiodistbus.error.retry.initial-delay",
				"aiodistbus.error.retry.max-delay", "aiodistbus.error.retry.multiplier",
				"aiodistbus.error.dead-letter.enabled", "aiodistbus.error.dead-letter.suffix",
				"aiodistbus.handler.concurrency", "aiodistbus.handler.queue-capacity",
				"management.health.aiodistbus.enabled",
				"aiodistbus.nats.servers", "aiodistbus.nats.subject-prefix",
				"aiodistbus.nats.connection-name", "aiodistbus.nats.user", "aiodistbus.nats.password",
				"aiodistbus.nats.token", "aiodistbus.nats.nkey-seed", "aiodistbus.nats.creds-file",
				"aiodistbus.nats.connect-timeout", "aiodistbus.nats.fail-fast", "aiodistbus.nats.pending-emit-limit",
				"aiodistbus.nats.reconnect", "aiodistbus.nats.reconnect-wait",
				"aiodistbus.nats.inbound-capacity", "aiodistbus.nats.close-flush-timeout");
		properties.forEach((name, property) -> {
			assertThat(property.path("description").asText()).as(name).isNotBlank();
			assertThat(property.has("defaultValue")).as(name).isEqualTo(!WITHOUT_DEFAULT.contains(name));
		});
		assertThat(properties.get("aiodistbus.security.enabled").get("defaultValue").asBoolean()).isFalse();
		JsonNode healthEnabled = properties.get("management.health.aiodistbus.enabled");
		assertThat(healthEnabled.get("type").asText()).isEqualTo("java.lang.Boolean");
		assertThat(healthEnabled.get("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("aiodistbus.client.overflow-policy").get("defaultValue").asText()).isEqualTo("block");
		assertThat(properties.get("aiodistbus.client.wire-format").get("defaultValue").asText()).isEqualTo("native");
		assertThat(properties.get("aiodistbus.namespaces").get("defaultValue").toString())
			.isEqualTo("[\"default\"]");
	}

	// Most defaults are core's constants, which the processor cannot read, so the additional
	// metadata states them: binding those stated defaults must give the actual ones.
	@Test
	void documentedDefaultsShouldBeTheActualDefaults() throws IOException {
		Map<String, Object> documented = new TreeMap<>();
		properties().forEach((name, property) -> {
			JsonNode value = property.get("defaultValue");
			if (name.startsWith("aiodistbus.") && value != null) {
				List<String> values = new ArrayList<>();
				(value.isArray() ? value : List.of(value)).forEach((element) -> values.add(element.asText()));
				documented.put(name, String.join(",", values));
			}
		});
		assertThat(documented).containsEntry("aiodistbus.client.pulse-ttl", "50s");
		AiodistbusProperties bound = new Binder(new MapConfigurationPropertySource(documented))
			.bind("aiodistbus", AiodistbusProperties.class)
			.get();
		assertThat(bound).usingRecursiveComparison().isEqualTo(new AiodistbusProperties());
		AiodistbusNatsProperties boundNats = new Binder(new MapConfigurationPropertySource(documented))
			.bind("aiodistbus.nats", AiodistbusNatsProperties.class)
			.get();
		assertThat(boundNats).usingRecursiveComparison().isEqualTo(new AiodistbusNatsProperties());
	}

	private Map<String, JsonNode> properties() throws IOException {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = new ObjectMapper().readTree(in);
		}
		Map<String, JsonNode> properties = new TreeMap<>();
		metadata.get("properties").forEach((property) -> properties.put(property.get("name").asText(), property));
		return properties;
	}

}
