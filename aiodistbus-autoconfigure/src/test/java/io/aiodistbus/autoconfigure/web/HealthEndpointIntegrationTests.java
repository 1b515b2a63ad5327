package io.aiodistbus.autoconfigure.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.aiodistbus.distributed.DEventBus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client-mode application over real HTTP: its {@code aiodistbus} health follows its broker.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "aiodistbus.mode=client", "management.endpoint.health.show-details=always" })
@DirtiesContext // so its client stops reconnecting once the test's broker is gone
class HealthEndpointIntegrationTests {

	private static DEventBus broker = new DEventBus();

	private static final int BROKER_PORT = broker.port();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void brokerPort(DynamicPropertyRegistry registry) {
		registry.add("aiodistbus.client.port", () -> BROKER_PORT);
	}

	@AfterAll
	static void closeBroker() {
		broker.close();
	}

	@Test
	void healthShouldGoDownWithTheBrokerAndUpWhenABrokerReturns() throws Exception {
		assertThat(aiodistbusHealth()).isEqualTo(new Response(200, "UP"));
		broker.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> aiodistbusHealth().equals(new Response(503, "DOWN")));
		broker = new DEventBus("127.0.0.1", BROKER_PORT);
		await().atMost(Duration.ofSeconds(20)).until(() -> aiodistbusHealth().equals(new Response(200, "UP")));
	}

	private Response aiodistbusHealth() throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health/aiodistbus"))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		String body = response.body();
		String status = body.replaceAll("(?s).*?\"status\":\"([A-Z_]+)\".*", "$1");
		return new Response(response.statusCode(), status);
	}

	record Response(int code, String status) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ClientApplication {

	}

}
