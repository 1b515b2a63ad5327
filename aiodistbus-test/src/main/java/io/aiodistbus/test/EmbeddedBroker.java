package io.aiodistbus.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.BrokerSecurity;
import io.aiodistbus.distributed.BrokerStats;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.ClientSecurity;
import io.aiodistbus.distributed.CurveKeyPair;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;

/**
 * A real broker for tests: a {@link DEventBus} on 127.0.0.1 and free ports, with CurveZMQ if asked
 * for, and the keys a client needs to join it. {@link EmbeddedBus @EmbeddedBus} starts one per test
 * class; tests may also start their own:
 * <pre class="code">
 * try (EmbeddedBroker broker = EmbeddedBroker.start(true)) {
 *     DEntryPoint client = broker.connectClient();
 *     ...
 * }
 * </pre>
 */
public final class EmbeddedBroker implements AutoCloseable {

	/** How long {@link #connectClient()} waits for the broker. */
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private final DEventBus broker;

	private final ClientSecurity clientSecurity;

	private final List<DEntryPoint> clients = new CopyOnWriteArrayList<>();

	private EmbeddedBroker(DEventBus broker, ClientSecurity clientSecurity) {
		this.broker = broker;
		this.clientSecurity = clientSecurity;
	}

	/**
	 * Starts a broker on 127.0.0.1 and free ports.
	 * @param security whether to turn on CurveZMQ, with a fresh broker key pair and one client key
	 * pair that it lets in (see {@link #clientSecurity()})
	 * @return the running broker
	 */
	public static EmbeddedBroker start(boolean security) {
		BrokerOptions options = BrokerOptions.defaults().withHost("127.0.0.1").withPort(0);
		if (!security) {
			return new EmbeddedBroker(new DEventBus(options), null);
		}
		CurveKeyPair brokerKeys = CurveKeyPair.generate();
		CurveKeyPair clientKeys = CurveKeyPair.generate();
		DEventBus broker = new DEventBus(options.withSecurity(BrokerSecurity.curve(brokerKeys, clientKeys.publicKey())));
		return new EmbeddedBroker(broker, ClientSecurity.curve(clientKeys, brokerKeys.publicKey()));
	}

	/** @return the broker itself, for its {@link DEventBus#stats() stats} or a {@link DEventBus#forward forward} */
	public DEventBus broker() {
		return this.broker;
	}

	/** @return the address the broker is bound to, {@code 127.0.0.1} */
	public String host() {
		return this.broker.host();
	}

	/** @return the broker's handshake port */
	public int port() {
		return this.broker.port();
	}

	/** @return whether the broker runs with CurveZMQ */
	public boolean isSecure() {
		return this.clientSecurity != null;
	}

	/**
	 * @return the keys of a client the broker lets in (one pair, shared by every client of the test),
	 * or {@code null} without CurveZMQ
	 */
	public ClientSecurity clientSecurity() {
		return this.clientSecurity;
	}

	/** @return the default client options with {@link #clientSecurity()} */
	public ClientOptions clientOptions() {
		return ClientOptions.defaults().withSecurity(this.clientSecurity);
	}

	/** @return a snapshot of the broker's counters */
	public BrokerStats stats() {
		return this.broker.stats();
	}

	/**
	 * Connects a new client to the broker, with its keys when it has CurveZMQ. The client is closed
	 * with the broker, or earlier by the caller.
	 * @return a connected client
	 */
	public DEntryPoint connectClient() {
		DEntryPoint client = new DEntryPoint(clientOptions());
		this.clients.add(client);
		client.connect(host(), port(), CONNECT_TIMEOUT);
		return client;
	}

	/** Closes the clients of {@link #connectClient()}, then the broker. */
	@Override
	public void close() {
		this.clients.forEach(DEntryPoint::close);
		this.broker.close();
	}

	@Override
	public String toString() {
		return "EmbeddedBroker[" + this.broker.endpoint() + (isSecure() ? ", CURVE]" : "]");
	}

}
