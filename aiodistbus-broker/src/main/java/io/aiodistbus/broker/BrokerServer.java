package io.aiodistbus.broker;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.nats.NatsBridge;
import io.aiodistbus.nats.NatsBridgeArgs;

/**
 * The standalone broker with what makes it observable: the {@link DEventBus}, its monitor (connection
 * log, traffic by type), its meters and, given a port, its HTTP server; and, given NATS servers, its
 * bridge to NATS ({@link BrokerBridge}). {@link BrokerMain} runs one until the process stops; tests start
 * them in-process.
 */
final class BrokerServer implements AutoCloseable {

	private final DEventBus broker;

	private final BrokerMonitor monitor;

	private final BrokerHttpServer http;

	/** The bridge to NATS, or {@code null} without one. */
	private final NatsBridge bridge;

	private BrokerServer(DEventBus broker, BrokerMonitor monitor, BrokerHttpServer http, NatsBridge bridge) {
		this.broker = broker;
		this.monitor = monitor;
		this.http = http;
		this.bridge = bridge;
	}

	/**
	 * Starts a broker, its bridge to NATS when the settings have one, its monitor and its meters, and the
	 * HTTP server when the settings have a port.
	 * @param settings what the command line said
	 * @return the running server
	 * @throws io.aiodistbus.nats.NatsConnectException if no NATS server answers the bridge (the broker is
	 * closed again)
	 * @throws UncheckedIOException if the HTTP port cannot be bound (the broker is closed again)
	 */
	static BrokerServer start(ServeSettings settings) {
		BrokerBridge bridging = (settings.bridge() != null) ? new BrokerBridge(settings.bridge(), settings.options())
				: null;
		DEventBus broker = new DEventBus((bridging != null) ? bridging.brokerOptions() : settings.options());
		NatsBridge bridge = null;
		if (bridging != null) {
			try {
				bridge = bridging.open(broker);
			}
			catch (RuntimeException ex) {
				broker.close();
				throw ex;
			}
		}
		BrokerMetrics metrics = new BrokerMetrics(broker, bridge);
		BrokerMonitor monitor = new BrokerMonitor(broker, bridge, metrics::addType);
		BrokerHttpServer http = null;
		if (settings.httpPort() >= 0) {
			try {
				http = new BrokerHttpServer(settings.httpHost(), settings.httpPort(), monitor, metrics);
			}
			catch (IOException ex) {
				new BrokerServer(broker, monitor, null, bridge).close();
				throw new UncheckedIOException("Cannot serve HTTP on " + settings.httpHost() + ":" + settings.httpPort()
						+ ": " + ex.getMessage(), ex);
			}
		}
		return new BrokerServer(broker, monitor, http, bridge);
	}

	DEventBus broker() {
		return this.broker;
	}

	BrokerMonitor monitor() {
		return this.monitor;
	}

	/** @return the HTTP port, or -1 without HTTP */
	int httpPort() {
		return (this.http != null) ? this.http.port() : -1;
	}

	/** Closes the HTTP server, then the bridge, so that it leaves while the broker still serves, then the broker. */
	@Override
	public void close() {
		if (this.http != null) {
			this.http.close();
		}
		if (this.bridge != null) {
			this.bridge.close();
		}
		this.broker.close();
		this.monitor.close();
	}

	/**
	 * What the command line says to serve.
	 * @param options the broker's options
	 * @param httpHost the address of the HTTP server
	 * @param httpPort its port ({@code 0} for a free one), or {@code -1} for no HTTP server
	 * @param bridge the NATS side of a bridge to run beside the broker, or {@code null} for none
	 */
	record ServeSettings(BrokerOptions options, String httpHost, int httpPort, NatsBridgeArgs bridge) {
	}

}
