package io.aiodistbus.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.aiodistbus.nats.NatsEntryPoint;
import io.aiodistbus.nats.NatsOptions;
import io.aiodistbus.nats.NatsServerProcess;

/**
 * A real {@code nats-server} for tests, in a process of its own on 127.0.0.1 and a free port, for
 * applications whose bus runs on NATS. {@link EmbeddedBus @EmbeddedBus(transport = NATS)} starts one per
 * test class; tests may also start their own:
 * <pre class="code">
 * try (EmbeddedNatsServer server = EmbeddedNatsServer.start()) {
 *     NatsEntryPoint client = server.connectEntryPoint();
 *     ...
 * }
 * </pre>
 * The executable is looked for as {@link NatsServerProcess#executable()} says (the {@code PATH},
 * {@code /usr/sbin}, {@code /usr/bin}, {@code /usr/local/bin}, or the system property
 * {@value NatsServerProcess#EXECUTABLE_PROPERTY}); without one, starting fails and says to
 * {@code apt-get install nats-server}. The process ends on {@link #close()}, and at the latest when the
 * JVM exits. Needs {@code io.aiodistbus:aiodistbus-nats} on the test class path.
 */
public final class EmbeddedNatsServer implements AutoCloseable {

	private final NatsServerProcess server;

	private final List<NatsEntryPoint> entryPoints = new CopyOnWriteArrayList<>();

	private EmbeddedNatsServer(NatsServerProcess server) {
		this.server = server;
	}

	/**
	 * Starts a server on 127.0.0.1 and a free port, and returns once it accepts connections.
	 * @return the running server
	 * @throws IllegalStateException if {@code nats-server} is not installed or does not start
	 */
	public static EmbeddedNatsServer start() {
		return new EmbeddedNatsServer(NatsServerProcess.start());
	}

	/** @return the server's client URL, {@code nats://127.0.0.1:<port>} */
	public String url() {
		return this.server.url();
	}

	/** @return the server's client port */
	public int port() {
		return this.server.port();
	}

	/** @return whether the server process runs */
	public boolean isRunning() {
		return this.server.isAlive();
	}

	/**
	 * Connects a new entry point to the server, with the default options otherwise. It is closed with
	 * the server, or earlier by the caller.
	 * @return a connected entry point
	 */
	public NatsEntryPoint connectEntryPoint() {
		NatsEntryPoint entryPoint = new NatsEntryPoint(NatsOptions.defaults().withServers(url()));
		this.entryPoints.add(entryPoint);
		entryPoint.connect();
		return entryPoint;
	}

	/** Closes the entry points of {@link #connectEntryPoint()}, then ends the server. */
	@Override
	public void close() {
		this.entryPoints.forEach(NatsEntryPoint::close);
		this.server.close();
	}

	@Override
	public String toString() {
		return "EmbeddedNatsServer[" + url() + "]";
	}

}
