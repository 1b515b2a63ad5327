package io.aiodistbus.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The broker's HTTP port (JDK's built-in server, no framework):
 * <ul>
 * <li>{@code /healthz}: 200 {@code UP} while the broker serves, 503 {@code DOWN} otherwise, and with a
 * bridge to NATS a line saying whether it is connected;</li>
 * <li>{@code /metrics}: the meters in Prometheus's text format;</li>
 * <li>{@code /stats}: the counters, rates and event types as JSON;</li>
 * <li>{@code /events?pattern=chat.*}: the recent and then the live events of a pattern, as
 * server-sent events, one JSON event per message;</li>
 * <li>{@code /}: the live page.</li>
 * </ul>
 * Read-only; bind it to loopback (the default) or a network only operators reach.
 */
final class BrokerHttpServer implements AutoCloseable {

	/** Streams open at once; each holds a thread. */
	private static final int MAX_STREAMS = 32;

	private static final int STREAM_QUEUE = 1024;

	private static final long KEEPALIVE_SECONDS = 10;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "aiodistbus-broker-http");
		thread.setDaemon(true);
		return thread;
	});

	private final BrokerMonitor monitor;

	private final BrokerMetrics metrics;

	private final AtomicInteger streams = new AtomicInteger();

	private volatile boolean closed;

	BrokerHttpServer(String host, int port, BrokerMonitor monitor, BrokerMetrics metrics) throws IOException {
		this.monitor = monitor;
		this.metrics = metrics;
		this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/healthz", get(this::health));
		this.server.createContext("/metrics", get((exchange) -> send(exchange, 200,
				"text/plain; version=0.0.4; charset=utf-8", this.metrics.scrape())));
		this.server.createContext("/stats", get((exchange) -> send(exchange, 200, "application/json",
				StatsJson.of(this.monitor))));
		this.server.createContext("/events", get(this::events));
		this.server.createContext("/", get(this::page));
		this.server.start();
	}

	/** @return the port it listens on */
	int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * The status follows the broker alone: a NATS outage, which the bridge rides out by reconnecting, must
	 * not get the broker restarted by a liveness probe. The bridge's state is a second line.
	 */
	private void health(HttpExchange exchange) throws IOException {
		boolean up = this.monitor.broker().isRunning();
		String bridge = this.monitor.bridge().map((nats) -> "bridge to NATS " + BrokerMonitor.state(nats) + "\n")
			.orElse("");
		send(exchange, up ? 200 : 503, "text/plain; charset=utf-8", (up ? "UP\n" : "DOWN\n") + bridge);
	}

	private void page(HttpExchange exchange) throws IOException {
		if (!exchange.getRequestURI().getPath().equals("/")) {
			send(exchange, 404, "text/plain; charset=utf-8", "Not found\n");
			return;
		}
		send(exchange, 200, "text/html; charset=utf-8", LivePage.html());
	}

	private void events(HttpExchange exchange) throws IOException {
		String pattern = query(exchange, "pattern", "*");
		BlockingQueue<String> queue = new ArrayBlockingQueue<>(STREAM_QUEUE);
		AutoCloseable feed;
		try {
			// registered before the recent events are read, so nothing falls between the two
			feed = this.monitor.recent().follow(pattern, queue::offer);
		}
		catch (IllegalArgumentException ex) {
			send(exchange, 400, "text/plain; charset=utf-8", ex.getMessage() + "\n");
			return;
		}
		if (this.streams.incrementAndGet() > MAX_STREAMS) {
			this.streams.decrementAndGet();
			close(feed);
			send(exchange, 503, "text/plain; charset=utf-8", "Too many event streams open\n");
			return;
		}
		try {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
			exchange.getResponseHeaders().set("Cache-Control", "no-cache");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			for (String json : this.monitor.recent().matching(pattern)) {
				out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
			}
			out.flush();
			while (!this.closed) {
				String json = queue.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
				// a comment line when idle: the write fails once the browser has gone
				out.write(((json != null) ? "data: " + json + "\n\n" : ": idle\n\n").getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
		}
		catch (IOException ex) {
			// the browser went away
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			close(feed);
			this.streams.decrementAndGet();
			exchange.close();
		}
	}

	private static void close(AutoCloseable feed) {
		try {
			feed.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String query(HttpExchange exchange, String name, String fallback) {
		String query = exchange.getRequestURI().getRawQuery();
		if (query != null) {
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0 && pair.substring(0, equals).equals(name)) {
					return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
				}
			}
		}
		return fallback;
	}

	private static HttpHandler get(HttpHandler handler) {
		return (exchange) -> {
			try (exchange) {
				if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
					send(exchange, 405, "text/plain; charset=utf-8", "Only GET\n");
					return;
				}
				handler.handle(exchange);
			}
		};
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		boolean head = exchange.getRequestMethod().equals("HEAD");
		exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
		if (!head) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
