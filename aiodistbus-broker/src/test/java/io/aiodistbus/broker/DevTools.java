package io.aiodistbus.broker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.awaitility.Awaitility.await;

/**
 * Headless Chromium (Debian's {@code chromium}) driven over its DevTools protocol: it loads a page
 * and keeps it open, so that a test can read the DOM as the page's scripts update it. (Chromium's
 * {@code --dump-dom} dumps at the load event, before the page's first fetch returns, and with a
 * virtual time budget it never returns while an event stream is open.)
 */
final class DevTools implements AutoCloseable {

	private static final ObjectMapper json = new ObjectMapper();

	private final Process browser;

	private final WebSocket socket;

	private final AtomicInteger ids = new AtomicInteger();

	private final Map<Integer, CompletableFuture<JsonNode>> replies;

	private DevTools(Process browser, WebSocket socket, Map<Integer, CompletableFuture<JsonNode>> replies) {
		this.browser = browser;
		this.socket = socket;
		this.replies = replies;
	}

	/**
	 * Starts Chromium on a page.
	 * @param url the page
	 * @param profile a fresh, empty directory for the browser's profile
	 * @return the browser, its page loading
	 */
	static DevTools open(String url, Path profile) throws IOException, InterruptedException {
		Process browser = new ProcessBuilder(chromium(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
				"--remote-debugging-port=0", "--window-size=1200,900", url)
			.redirectErrorStream(true)
			.redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
			.start();
		try {
			// Chromium writes its port (line 1) to this file once it listens
			Path activePort = profile.resolve("DevToolsActivePort");
			await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(activePort)
					&& Files.readAllLines(activePort).size() >= 2);
			int port = Integer.parseInt(Files.readAllLines(activePort).get(0).trim());
			HttpClient http = HttpClient.newHttpClient();
			String target = await().atMost(Duration.ofSeconds(30)).until(() -> pageTarget(http, port, url),
					(found) -> found != null);
			Listener listener = new Listener();
			WebSocket socket = http.newWebSocketBuilder()
				.buildAsync(URI.create(target), listener)
				.get(30, TimeUnit.SECONDS);
			return new DevTools(browser, socket, listener.replies);
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			browser.destroyForcibly();
			throw ex;
		}
		catch (Exception ex) {
			browser.destroyForcibly();
			throw new IllegalStateException("Cannot drive Chromium", ex);
		}
	}

	private static String chromium() {
		for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		throw new IllegalStateException("No chromium: install Debian's chromium (apt-get install chromium; .ci/run "
				+ "does it when it is missing)");
	}

	private static String pageTarget(HttpClient http, int port, String url) throws IOException, InterruptedException {
		HttpResponse<String> list = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
				HttpResponse.BodyHandlers.ofString());
		for (JsonNode target : json.readTree(list.body())) {
			if (target.path("type").asText().equals("page") && target.path("url").asText().startsWith(url)) {
				return target.path("webSocketDebuggerUrl").asText();
			}
		}
		return null;
	}

	/**
	 * @param expression JavaScript, evaluated in the page
	 * @return its value, as text
	 */
	String evaluate(String expression) throws Exception {
		JsonNode reply = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
		return reply.path("result").path("result").path("value").asText();
	}

	/** @return a PNG of the page as it is rendered now */
	byte[] screenshot() throws Exception {
		JsonNode reply = call("Page.captureScreenshot", Map.of("format", "png"));
		return Base64.getDecoder().decode(reply.path("result").path("data").asText());
	}

	private JsonNode call(String method, Map<String, Object> params) throws Exception {
		int id = this.ids.incrementAndGet();
		CompletableFuture<JsonNode> reply = new CompletableFuture<>();
		this.replies.put(id, reply);
		this.socket.sendText(json.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
			.get(10, TimeUnit.SECONDS);
		JsonNode answer = reply.get(30, TimeUnit.SECONDS);
		if (answer.has("error")) {
			throw new IllegalStateException(method + " failed: " + answer.get("error"));
		}
		return answer;
	}

	@Override
	public void close() throws InterruptedException {
		this.socket.abort();
		this.browser.destroy();
		if (!this.browser.waitFor(10, TimeUnit.SECONDS)) {
			this.browser.destroyForcibly();
		}
	}

	/** Collects each message's fragments and hands the replies to their callers. */
	private static final class Listener implements WebSocket.Listener {

		private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();

		private final StringBuilder message = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.message.append(data);
			if (last) {
				try {
					JsonNode reply = json.readTree(this.message.toString());
					if (reply.has("id")) {
						CompletableFuture<JsonNode> waiting = this.replies.remove(reply.get("id").asInt());
						if (waiting != null) {
							waiting.complete(reply);
						}
					}
				}
				catch (IOException ex) {
					throw new IllegalStateException("Chromium sent no JSON", ex);
				}
				this.message.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

	}

}
