package io.aiodistbus.broker;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.DEventBus;

/**
 * The standalone broker with what makes it observable: the {@link DEventBus}, its monitor (connection
 * log, traffic by type), its meters and, given a port, its HTTP server. {@link BrokerMain} runs one
 * until the process stops; tests start them in-process.
 */
final class BrokerServer implements AutoCloseable {

	private final DEventBus broker;

	private final BrokerMonitor monitor;

	private final BrokerHttpServer http;

	private BrokerServer(DEventBus broker, BrokerMonitor monitor, BrokerHttpServer http) {
		this.broker = broker;
		this.monitor = monitor;
		this.http = http;
	}

	/**
	 * Starts a broker, its monitor and its meters, and the HTTP server when the settings have a port.
	 * @param settings what the command line said
	 * @return the running server
	 * @throws UncheckedIOException if the HTTP port cannot be bound (the broker is closed again)
	 */
	static BrokerServer start(ServeSettings settings) {
		DEventBus broker = new DEventBus(settings.options());
		BrokerMetrics metrics = new BrokerMetrics(broker);
		BrokerMonitor monitor = new BrokerMonitor(broker, metrics::addType);
		BrokerHttpServer http = null;
		if (settings.httpPort() >= 0) {
			try {
				http = new BrokerHttpServer(settings.httpHost(), settings.httpPort(), monitor, metrics);
			}
			catch (IOException ex) {
				monitor.close();
				broker.close();
				throw new UncheckedIOException("Cannot serve HTTP on " + settings.httpHost() + ":" + settings.httpPort()
						+ ": " + ex.getMessage(), ex);
			}
		}
		return new BrokerServer(broker, monitor, http);
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

	@Override
	public void close() {
		if (this.http != null) {
			this.http.close();
		}
		this.broker.close();
		this.monitor.close();
	}

	/**
	 * What the command line says to serve.
	 * @param options the broker's options
	 * @param httpHost the address of the HTTP server
	 * @param httpPort its port ({@code 0} for a free one), or {@code -1} for no HTTP server
	 */
	record ServeSettings(BrokerOptions options, String httpHost, int httpPort) {
	}

}
