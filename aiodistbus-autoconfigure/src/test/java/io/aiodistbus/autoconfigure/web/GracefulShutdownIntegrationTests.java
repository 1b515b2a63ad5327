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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.spring.EventHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client-mode web application under {@code server.shutdown=graceful}, on a real broker: shutdown
 * stops delivering to the handlers first (a running one finishes, not interrupted), lets an in-flight
 * request emit while the web server drains, and closes the client last, which flushes that emit.
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final DEventBus broker = new DEventBus();

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void closeBroker() {
		this.broker.close();
	}

	@Test
	void inFlightRequestShouldEmitAndRunningHandlerShouldFinishDuringGracefulShutdown(CapturedOutput output)
			throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class).properties(
				"server.port=0", "server.shutdown=graceful", "aiodistbus.mode=client",
				"aiodistbus.client.port=" + this.broker.port(), "logging.level.io.aiodistbus=INFO")
			.run();
		Gates gates = context.getBean(Gates.class);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		List<String> orders = new CopyOnWriteArrayList<>();
		try (DEntryPoint remote = new DEntryPoint()) {
			remote.on("order.created", String.class, orders::add);
			remote.connect("127.0.0.1", this.broker.port(), TIMEOUT);
			remote.emit("job.run", "job-1");
			assertThat(gates.handlerStarted.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			CompletableFuture<HttpResponse<String>> response = this.http.sendAsync(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/order")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(gates.requestEntered.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

			CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
			await("delivery stopped, the running handler awaited").atMost(TIMEOUT)
				.until(() -> output.getOut().contains("stopped delivering events to its handlers"));
			gates.releaseHandler.countDown();
			// the web server's graceful shutdown starts only once the running handler finished
			assertThat(gates.webServerDraining.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(gates.handlerOutcome).containsExactly("completed job-1");

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

		final CountDownLatch handlerStarted = new CountDownLatch(1);

		final CountDownLatch releaseHandler = new CountDownLatch(1);

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
			this.gates.handlerStarted.countDown();
			try {
				Gates.await(this.gates.releaseHandler);
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
