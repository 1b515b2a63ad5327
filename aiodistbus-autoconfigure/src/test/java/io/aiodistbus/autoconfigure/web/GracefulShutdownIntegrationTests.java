package io.aiodistbus.autoconfigure.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.BusTransport;
import io.aiodistbus.spring.EventHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A web application under {@code server.shutdown=graceful}, in client mode on a real broker and in nats
 * mode on a real nats-server: shutdown stops delivering to the handlers first (a running one finishes,
 * not interrupted), lets an in-flight request emit while the web server drains, and closes the entry
 * point last, which flushes that emit.
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newHttpClient();

	private BusTransport.Server server;

	@AfterEach
	void closeServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(BusTransport.class)
	void inFlightRequestShouldEmitAndRunningHandlerShouldFinishDuringGracefulShutdown(BusTransport transport,
			CapturedOutput output) throws Exception {
		this.server = transport.start();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class)
			.properties("server.port=0", "server.shutdown=graceful", "logging.level.io.aiodistbus=INFO")
			.properties(this.server.properties().toArray(String[]::new))
			.run();
		Gates gates = context.getBean(Gates.class);
		EntryPoint bus = context.getBean(EntryPoint.class);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		List<String> orders = new CopyOnWriteArrayList<>();
		try (EntryPoint remote = this.server.connect()) {
			remote.on("order.created", String.class, orders::add);
			// first the one with lanes: the other holds the dispatch thread, which hands events to the lanes
			remote.emit("job.parallel", "job-2");
			remote.emit("job.run", "job-1");
			assertThat(gates.handlerStarted.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			CompletableFuture<HttpResponse<String>> response = this.http.sendAsync(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/order")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(gates.requestEntered.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

			CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
			await("delivery stopped, the running handler awaited").atMost(TIMEOUT)
				.until(() -> transport.isDeliveryPaused(bus));
			gates.releaseHandler.countDown();
			await("the handler on the dispatch thread finished").atMost(TIMEOUT)
				.until(() -> gates.handlerOutcome.contains("completed job-1"));
			// the one in its lane still runs, so the shutdown must still wait (a bounded look for a step that must
			// not come; with the lanes not awaited it comes at once)
			assertThat(gates.webServerDraining.await(500, TimeUnit.MILLISECONDS)).isFalse();
			gates.releaseLane.countDown();
			// the web server's graceful shutdown starts only once the running handlers finished
			assertThat(gates.webServerDraining.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(gates.handlerOutcome).containsExactlyInAnyOrder("completed job-1", "completed job-2");

			gates.releaseRequest.countDown();
			assertThat(response.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).satisfies((ok) -> {
				assertThat(ok.statusCode()).isEqualTo(200);
				assertThat(ok.body()).isEqualTo("emitted order-1");
			});
			closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			await("the emit of the drained request is flushed").atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(orders).containsExactly("order-1"));
		}
		finally {
			context.close();
		}
		assertThat(output.getAll()).doesNotContain("ERROR");
	}

	static class Gates {

		/** Counted down by the handler on the dispatch thread and by the one with lanes of its own. */
		final CountDownLatch handlerStarted = new CountDownLatch(2);

		final CountDownLatch releaseHandler = new CountDownLatch(1);

		final CountDownLatch releaseLane = new CountDownLatch(1);

		final List<String> handlerOutcome = new CopyOnWriteArrayList<>();

		final CountDownLatch requestEntered = new CountDownLatch(1);

		final CountDownLatch releaseRequest = new CountDownLatch(1);

		final CountDownLatch webServerDraining = new CountDownLatch(1);

		static void await(CountDownLatch latch) throws InterruptedException {
			if (!latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException("the test did not release the latch");
			}
		}

	}

	@RestController
	static class OrderController {

		private final EntryPoint bus;

		private final Gates gates;

		OrderController(EntryPoint bus, Gates gates) {
			this.bus = bus;
			this.gates = gates;
		}

		@GetMapping("/order")
		String order() throws InterruptedException {
			this.gates.requestEntered.countDown();
			Gates.await(this.gates.releaseRequest);
			this.bus.emit("order.created", "order-1");
			return "emitted order-1";
		}

	}

	static class JobHandler {

		private final Gates gates;

		JobHandler(Gates gates) {
			this.gates = gates;
		}

		@EventHandler("job.run")
		void run(String job) throws InterruptedException {
			runUntilReleased(job, this.gates.releaseHandler);
		}

		@EventHandler(value = "job.parallel", concurrency = "2")
		void runInLane(String job) throws InterruptedException {
			runUntilReleased(job, this.gates.releaseLane);
		}

		private void runUntilReleased(String job, CountDownLatch release) throws InterruptedException {
			this.gates.handlerStarted.countDown();
			try {
				Gates.await(release);
			}
			catch (InterruptedException ex) {
				this.gates.handlerOutcome.add("interrupted " + job);
				throw ex;
			}
			this.gates.handlerOutcome.add("completed " + job);
		}

	}

	/** Stops after the bus stopped delivering and before the web server's graceful shutdown. */
	static class DrainWatcher implements SmartLifecycle {

		private final Gates gates;

		private volatile boolean running;

		DrainWatcher(Gates gates) {
			this.gates = gates;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.gates.webServerDraining.countDown();
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return SmartLifecycle.DEFAULT_PHASE - 512;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WebApplication {

		@Bean
		Gates gates() {
			return new Gates();
		}

		@Bean
		OrderController orderController(EntryPoint bus, Gates gates) {
			return new OrderController(bus, gates);
		}

		@Bean
		JobHandler jobHandler(Gates gates) {
			return new JobHandler(gates);
		}

		@Bean
		DrainWatcher drainWatcher(Gates gates) {
			return new DrainWatcher(gates);
		}

	}

}
