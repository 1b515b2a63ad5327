package io.aiodistbus.benchmarks.distributed;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Another project's server (nats-server, redis-server) in a process of its own on a free loopback
 * port: started, waited for until the port accepts connections, and ended on close, or at the latest
 * when this JVM exits, so that no server outlives a benchmark run.
 */
final class ServerProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private static final int ATTEMPTS = 3;

	private static final int OUTPUT_LINES = 20;

	/** Debian puts some servers in {@code /usr/sbin}, which is not on every user's PATH. */
	private static final List<String> EXTRA_DIRECTORIES = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
			"/usr/bin", "/sbin", "/bin");

	/** Every server still running, for the shutdown hook. */
	private static final Set<ServerProcess> LIVE = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach((server) -> server.process.destroyForcibly()),
				"bench-server-reaper"));
	}

	private final String name;

	private final Process process;

	private final int port;

	private final Deque<String> output = new ArrayDeque<>();

	private ServerProcess(String name, Process process, int port) {
		this.name = name;
		this.process = process;
		this.port = port;
	}

	/**
	 * Looks for an executable on the PATH and in the usual system directories.
	 * @param name the executable's name
	 * @return its path, or empty when it is not installed
	 */
	static Optional<Path> find(String name) {
		Set<String> directories = new LinkedHashSet<>();
		String path = System.getenv("PATH");
		if (path != null) {
			directories.addAll(List.of(path.split(File.pathSeparator)));
		}
		directories.addAll(EXTRA_DIRECTORIES);
		return directories.stream()
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Starts a server on a free loopback port and returns once the port accepts connections. A port
	 * taken between the pick and the server's bind is retried with another.
	 * @param executable the executable's name, looked up with {@link #find}
	 * @param arguments the arguments for a port
	 * @return the running server
	 * @throws IllegalStateException if it is not installed or does not come up
	 */
	static ServerProcess start(String executable, IntFunction<List<String>> arguments) {
		Path binary = find(executable)
			.orElseThrow(() -> new IllegalStateException(executable + " is not installed (not on the PATH nor in "
					+ EXTRA_DIRECTORIES + ")"));
		IllegalStateException failure = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			int port = freePort();
			List<String> command = new ArrayList<>();
			command.add(binary.toString());
			command.addAll(arguments.apply(port));
			ServerProcess server;
			try {
				server = new ServerProcess(executable, new ProcessBuilder(command).redirectErrorStream(true).start(),
						port);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("could not start " + command, ex);
			}
			LIVE.add(server);
			server.drainOutput();
			try {
				server.awaitListening();
				return server;
			}
			catch (IllegalStateException ex) {
				server.close();
				failure = ex;
			}
		}
		throw failure;
	}

	/** @return the port it listens on */
	int port() {
		return this.port;
	}

	/** @return the process, whose CPU time counts with the benchmark's own */
	ProcessHandle handle() {
		return this.process.toHandle();
	}

	/** @return the servers running now */
	static Set<ServerProcess> live() {
		return Set.copyOf(LIVE);
	}

	/** @return the executable's name */
	String name() {
		return this.name;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free loopback port", ex);
		}
	}

	/** Keeps the last lines of its output for a failure's message, and keeps it from blocking on a full pipe. */
	private void drainOutput() {
		Thread drain = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					synchronized (this.output) {
						if (this.output.size() == OUTPUT_LINES) {
							this.output.removeFirst();
						}
						this.output.addLast(line);
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "bench-server-output");
		drain.setDaemon(true);
		drain.start();
	}

	private void awaitListening() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue()
						+ " before listening on port " + this.port + ": " + lastOutput());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 100);
				return;
			}
			catch (IOException ex) {
				ThroughputRun.sleepMillis(10);
			}
		}
		throw new IllegalStateException(this.name + " not listening on port " + this.port + " after "
				+ START_TIMEOUT.toSeconds() + " s: " + lastOutput());
	}

	private String lastOutput() {
		synchronized (this.output) {
			return String.join(" / ", this.output);
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		LIVE.remove(this);
	}

	@Override
	public String toString() {
		return this.name + " on port " + this.port;
	}
}
