package io.aiodistbus.distributed;

import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.internal.dispatch.LogThrottle;

/**
 * Follows the connections of one broker socket through its ZeroMQ monitor: counts open ones and,
 * for a CURVE broker, classifies those that fail their handshake before authentication (which
 * ZeroMQ's ZAP handler never hears of). Read on the broker's I/O thread.
 *
 * <p>What JeroMQ 0.6.0 reports: {@code ACCEPTED} and {@code DISCONNECTED} with the connection's
 * channel, {@code HANDSHAKE_PROTOCOL} once a peer's greeting matched the socket's mechanism, and
 * {@code HANDSHAKE_FAILED_PROTOCOL} right before it drops a connection whose CURVE handshake failed.
 * A greeting of another mechanism is dropped with no event of its own. The handshake events name no
 * connection: a greeting is credited to the oldest open connection still without one, which is
 * exact unless the greetings of two connections cross.
 */
final class HandshakeWatch {

	/** The events a watch of a CURVE socket needs. */
	static final int CURVE_EVENTS = ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_HANDSHAKE_PROTOCOL
			| ZMQ.HANDSHAKE_FAILED_PROTOCOL;

	private final ZMQ.Socket monitor;

	private final Failures failures;

	private final IntConsumer connections;

	private final Map<SocketChannel, Connection> open = new LinkedHashMap<>();

	private int protocolError;

	private boolean failedProtocol;

	/**
	 * @param context the socket's context
	 * @param socket the socket to watch
	 * @param address the inproc address of its monitor
	 * @param failures where handshake failures go, or {@code null} for a broker without CURVE
	 * @param connections told +1 for each accepted connection and -1 for each dropped one
	 */
	HandshakeWatch(ZContext context, ZMQ.Socket socket, String address, Failures failures, IntConsumer connections) {
		socket.monitor(address,
				(failures != null) ? CURVE_EVENTS : ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_DISCONNECTED);
		this.monitor = context.createSocket(SocketType.PAIR);
		this.monitor.connect(address);
		this.failures = failures;
		this.connections = connections;
	}

	/** Reads every pending event. */
	void read() {
		ZMQ.Event event;
		while ((event = ZMQ.Event.recv(this.monitor, ZMQ.DONTWAIT)) != null) {
			switch (event.getEvent()) {
				case ZMQ.EVENT_ACCEPTED -> accepted(event.resolveValue());
				case ZMQ.EVENT_DISCONNECTED -> disconnected(event.resolveValue());
				case ZMQ.EVENT_HANDSHAKE_PROTOCOL -> greeted();
				case ZMQ.HANDSHAKE_FAILED_PROTOCOL -> {
					this.failedProtocol = true;
					this.protocolError = (event.getValue() instanceof Integer code) ? code : 0;
				}
				default -> {
					// not asked for
				}
			}
		}
	}

	private void accepted(Object channel) {
		this.connections.accept(1);
		if (this.failures != null && channel instanceof SocketChannel socket) {
			// still readable once JeroMQ has closed the channel, unlike getRemoteAddress()
			this.open.put(socket, new Connection(socket.socket().getRemoteSocketAddress()));
		}
	}

	private void greeted() {
		for (Connection connection : this.open.values()) {
			if (!connection.greeted) {
				connection.greeted = true;
				return;
			}
		}
	}

	private void disconnected(Object channel) {
		this.connections.accept(-1);
		if (this.failures == null) {
			return;
		}
		Connection connection = this.open.remove(channel);
		String peer = (connection != null) ? String.valueOf(connection.peer) : "an unknown peer";
		if (this.failedProtocol) {
			// JeroMQ reports the failure and drops the connection in one step: this is that connection
			this.failedProtocol = false;
			this.failures.failed(HandshakeFailure.CURVE_ERROR, peer, (this.protocolError == Engine.PROTOCOL_ERROR_CRYPTOGRAPHIC)
					? "its CURVE hello does not decrypt: the client has the wrong broker public key"
					: "a malformed CURVE handshake (ZeroMQ protocol error " + Integer.toHexString(this.protocolError) + ")");
		}
		else if (connection != null && !connection.greeted) {
			this.failures.failed(HandshakeFailure.NOT_CURVE, peer,
					"no CURVE greeting: a plaintext client (ClientOptions.withSecurity missing), another mechanism, "
							+ "or not ZeroMQ");
		}
		if (this.open.size() > 10_000) {
			// the monitor drops events beyond its queue's high-water mark: unreported drops must not pile up
			Iterator<SocketChannel> oldest = this.open.keySet().iterator();
			oldest.next();
			oldest.remove();
		}
	}

	void close() {
		this.monitor.close();
	}

	private static final class Connection {

		private final SocketAddress peer;

		private boolean greeted;

		private Connection(SocketAddress peer) {
			this.peer = peer;
		}
	}

	/** The failures of a broker's three sockets: counted by cause and logged, a burst per window. */
	static final class Failures {

		private static final HandshakeFailure[] CAUSES = HandshakeFailure.values();

		private final AtomicLongArray counts = new AtomicLongArray(CAUSES.length);

		private final LogThrottle throttle = new LogThrottle(10_000_000_000L, 20);

		private final Logger logger;

		private final String owner;

		Failures(Logger logger, String owner) {
			this.logger = logger;
			this.owner = owner;
		}

		void failed(HandshakeFailure cause, String peer, String why) {
			this.counts.incrementAndGet(cause.ordinal());
			long admitted = this.throttle.admit();
			if (admitted > 0) {
				this.logger.warn("{}: refused a connection from {}: {}{}", this.owner, peer, why,
						(admitted > 1) ? " (" + (admitted - 1) + " more failed handshakes earlier without a log line)" : "");
			}
		}

		Map<HandshakeFailure, Long> snapshot() {
			Map<HandshakeFailure, Long> snapshot = new EnumMap<>(HandshakeFailure.class);
			for (HandshakeFailure cause : CAUSES) {
				snapshot.put(cause, this.counts.get(cause.ordinal()));
			}
			return Collections.unmodifiableMap(snapshot);
		}
	}
}
