package io.aiodistbus.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.aiodistbus.broker.BrokerMain;

/**
 * Our standalone broker ({@link BrokerMain}) in a JVM of its own, so that its heap per connected
 * client can be told apart from the clients' (in this JVM). Its live heap is read with {@code jcmd}: a
 * full GC, then the heap summary.
 */
final class BrokerProcess implements AutoCloseable {

	private static final Pattern LISTENING = Pattern.compile("broker on [^:]+:(\\d+)");

	private static final Pattern USED = Pattern.compile("used (\\d+)K");

	private final Process process;

	private final int port;

	/**
	 * Starts the broker on a free port and waits until it says which.
	 * @throws IOException if the JVM cannot be started or never reports its port
	 */
	BrokerProcess() throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		this.process = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				BrokerMain.class.getName(), "--port", "0")
			.redirectErrorStream(true)
			.start();
		BufferedReader out = new BufferedReader(new InputStreamReader(this.process.getInputStream(),
				StandardCharsets.UTF_8));
		// a broker that never prints its port is ended, so that the read below returns instead of hanging
		CompletableFuture<Void> reported = new CompletableFuture<>();
		reported.orTimeout(60, TimeUnit.SECONDS).exceptionally((timeout) -> {
			this.process.destroyForcibly();
			return null;
		});
		String line;
		int found = -1;
		while (found < 0 && (line = out.readLine()) != null) {
			Matcher matcher = LISTENING.matcher(line);
			if (matcher.find()) {
				found = Integer.parseInt(matcher.group(1));
			}
		}
		reported.complete(null);
		if (found < 0) {
			this.process.destroyForcibly();
			throw new IOException("the broker process never reported its port (a line matching " + LISTENING + ")");
		}
		this.port = found;
		// keep draining its output, so that it never blocks on a full pipe
		Thread drain = new Thread(() -> {
			try {
				while (out.readLine() != null) {
					// discarded: the broker logs only warnings
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "broker-process-output");
		drain.setDaemon(true);
		drain.start();
	}

	/** @return the handshake port */
	int port() {
		return this.port;
	}

	/** @return the broker JVM's used heap after a full GC, in bytes, or -1 if jcmd cannot say */
	long liveBytes() throws IOException, InterruptedException {
		jcmd("GC.run");
		String info = jcmd("GC.heap_info");
		Matcher matcher = USED.matcher(info);
		return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : -1;
	}

	private String jcmd(String command) throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process run = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(this.process.pid()), command))
			.redirectErrorStream(true)
			.start();
		String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!run.waitFor(30, TimeUnit.SECONDS)) {
			run.destroyForcibly();
		}
		return output;
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}
}
