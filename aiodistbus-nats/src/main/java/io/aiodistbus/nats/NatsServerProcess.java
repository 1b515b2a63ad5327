package io.aiodistbus.nats;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code nats-server} in a process of its own on a loopback port, for tests: started, waited for
 * until its port accepts connections, ended on {@link #close()} (gracefully) or {@link #kill()}
 * ({@code kill -9}), and at the latest when the JVM exits. A missing server is an error, never a skip: a
 * test about NATS must not pass without it. Main code rather than a test helper so that
 * {@code aiodistbus-test}'s {@code EmbeddedNatsServer} and this module's own tests share it: that module
 * depends on this one, so its classes cannot serve this module's tests.
 * <p>
 * The executable is the one the system property {@value #EXECUTABLE_PROPERTY} names, else
 * {@code nats-server} on the {@code PATH}, in {@code /usr/sbin}, {@code /usr/bin} or
 * {@code /usr/local/bin}.
 */
public final class NatsServerProcess implements AutoCloseable {

	/** The system property that names the {@code nats-server} executable, when it is not found otherwise. */
	public static final String EXECUTABLE_PROPERTY = "aiodistbus.nats-server";

	private static final String EXECUTABLE = "nats-server";

	/** After the {@code PATH}: where packages put it (Debian's is in {@code /usr/sbin}, off most users' PATH). */
	private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin", EXECUTABLE),
			Path.of("/usr/bin", EXECUTABLE), Path.of("/usr/local/bin", EXECUTABLE));

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "nats-server-reaper"));
	}

	private final List<String> arguments;

	private final int port;

	private final Deque<String> output = new ArrayDeque<>();

	private volatile Process process;

	private NatsServerProcess(int port, List<String> arguments) {
		this.port = port;
		this.arguments = arguments;
	}

	/**
	 * Starts a server on a free port.
	 * @param arguments more arguments (authorization, cluster)
	 * @return the running server
	 */
	public static NatsServerProcess start(String... arguments) {
		return start(freePort(), List.of(arguments));
	}

	/**
	 * Starts a server on a given port, for a cluster whose routes must be known before it starts.
	 * @param port the client port
	 * @param arguments more arguments
	 * @return the running server
	 */
	public static NatsServerProcess start(int port, List<String> arguments) {
		NatsServerProcess server = new NatsServerProcess(port, arguments);
		server.restart();
		return server;
	}

	/** Starts the server again on the same port and arguments, after {@link #kill()}. */
	public void restart() {
		List<String> command = new ArrayList<>();
		command.add(executable().toString());
		command.addAll(List.of("-a", "127.0.0.1", "-p", Integer.toString(this.port)));
		command.addAll(this.arguments);
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start " + command, ex);
		}
		LIVE.add(this.process);
		drainOutput(this.process);
		awaitListening();
	}

	private void awaitListening() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!accepts()) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("nats-server exited before listening on " + this.port + ": "
						+ lastOutput());
			}
			if (System.nanoTime() - deadline > 0) {
				stop(true);
				throw new IllegalStateException("nats-server did not listen on " + this.port + " within "
						+ START_TIMEOUT.toSeconds() + " s: " + lastOutput());
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				stop(true);
				throw new IllegalStateException("interrupted while waiting for nats-server on " + this.port, ex);
			}
		}
	}

	/**
	 * @return the {@code nats-server} executable
	 * @throws IllegalStateException if there is none, saying how to install it
	 */
	public static Path executable() {
		String configured = System.getProperty(EXECUTABLE_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			Path path = Path.of(configured);
			if (!Files.isExecutable(path)) {
				throw new IllegalStateException(EXECUTABLE_PROPERTY + "=" + configured + " is not an executable file");
			}
			return path;
		}
		String pathVariable = System.getenv().getOrDefault("PATH", "");
		Stream<Path> onPath = Stream.of(pathVariable.split(File.pathSeparator))
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, EXECUTABLE));
		return Stream.concat(onPath, CANDIDATES.stream())
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("nats-server is not installed: not on the PATH nor in "
					+ CANDIDATES + " (apt-get install nats-server, or set -D" + EXECUTABLE_PROPERTY
					+ "=/path/to/nats-server)"));
	}

	/** @return a loopback port free at the moment */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free loopback port", ex);
		}
	}

	private boolean accepts() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 100);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** @return its client URL */
	public String url() {
		return "nats://127.0.0.1:" + this.port;
	}

	/** @return its client port */
	public int port() {
		return this.port;
	}

	/** @return whether the process runs */
	public boolean isAlive() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	/** Ends the process with SIGKILL, as a crash would, and waits until it is gone. */
	public void kill() {
		stop(true);
	}

	private void stop(boolean forcibly) {
		Process current = this.process;
		if (current == null) {
			return;
		}
		if (forcibly) {
			current.destroyForcibly();
		}
		else {
			current.destroy();
		}
		try {
			if (!current.waitFor(10, TimeUnit.SECONDS)) {
				current.destroyForcibly();
				current.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			current.destroyForcibly();
		}
		LIVE.remove(current);
	}

	private void drainOutput(Process started) {
		Thread drain = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					synchronized (this.output) {
						if (this.output.size() == 30) {
							this.output.removeFirst();
						}
						this.output.addLast(line);
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "nats-server-output-" + this.port);
		drain.setDaemon(true);
		drain.start();
	}

	private String lastOutput() {
		synchronized (this.output) {
			return String.join(" / ", this.output);
		}
	}

	/** Ends the process (SIGTERM, then SIGKILL after 10 s). Idempotent. */
	@Override
	public void close() {
		stop(false);
	}

	@Override
	public String toString() {
		return "nats-server on " + this.port;
	}
}
