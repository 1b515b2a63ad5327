package io.aiodistbus.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.distributed.GroupsAcrossJvmsTestBase;
import io.aiodistbus.distributed.RemoteServices;

/**
 * Consumer groups and request/reply across JVMs on a real nats-server: the group's three members are
 * NATS queue subscribers in JVMs of their own ({@link NatsRemoteServices}), and the server's own view of
 * them (its monitoring endpoint's subscriptions) tells when a killed member has left.
 */
class GroupsOnNatsAcrossJvmsTests extends GroupsAcrossJvmsTestBase {

	private static final ObjectMapper json = new ObjectMapper();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static int monitorPort;

	private static NatsServerProcess server;

	@BeforeAll
	static void startServer() {
		monitorPort = NatsServerProcess.freePort();
		server = NatsServerProcess.start("-m", String.valueOf(monitorPort));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Override
	protected EntryPoint newEntryPoint() {
		return new NatsEntryPoint(NatsRemoteServices.options(server.url()));
	}

	@Override
	protected void connect(EntryPoint entryPoint) {
		((NatsEntryPoint) entryPoint).connect();
	}

	@Override
	protected Class<?> servicesMain() {
		return NatsRemoteServices.class;
	}

	@Override
	protected List<String> servicesArguments() {
		return List.of(server.url());
	}

	/** The connections with a subscription in the group's queue, as the server lists them. */
	@Override
	protected int groupMembers() {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + monitorPort + "/connz?subs=detail&limit=1024"))
			.build();
		try {
			JsonNode connections = json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body())
				.path("connections");
			int members = 0;
			for (JsonNode connection : connections) {
				for (JsonNode subscription : connection.path("subscriptions_list_detail")) {
					if (RemoteServices.GROUP.equals(subscription.path("qgroup").asText())) {
						members++;
						break;
					}
				}
			}
			return members;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The server outlives the class's tests; each test's JVMs and entry point are closed after it. */
	@Override
	protected void closeBus() {
	}

	/** The other JVMs' main class: {@link RemoteServices} on a {@link NatsEntryPoint}. */
	public static final class NatsRemoteServices {

		private NatsRemoteServices() {
		}

		static NatsOptions options(String url) {
			return NatsOptions.builder()
				.servers(url)
				.subjectPrefix("groups")
				.connectTimeout(Duration.ofSeconds(30))
				.closeFlushTimeout(Duration.ofSeconds(10))
				.build();
		}

		/**
		 * @param args the server's URL, then {@code member NAME} or {@code responder}
		 * @throws IOException if standard input fails
		 */
		public static void main(String[] args) throws IOException {
			try (NatsEntryPoint client = new NatsEntryPoint(options(args[0]))) {
				RemoteServices.run(client, client::connect, args[1], (args.length > 2) ? args[2] : null);
			}
		}
	}
}
