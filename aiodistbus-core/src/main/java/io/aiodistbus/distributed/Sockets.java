package io.aiodistbus.distributed;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.internal.wire.Outbox;

/**
 * Socket settings every socket of the bus shares.
 */
final class Sockets {

	/**
	 * JeroMQ 0.6.0 sometimes leaves a fresh TCP connection without a finished ZMTP handshake; a short
	 * handshake interval makes such a connection retry after half a second instead of thirty.
	 */
	static final int HANDSHAKE_INTERVAL_MS = 500;

	private Sockets() {
	}

	/**
	 * How much less a queue that carries batches holds, in messages, than its high-water mark says: a
	 * batch is one message of up to {@link Outbox#MAX_BATCH_BYTES}, where an event alone is a few hundred
	 * bytes, and a broker's queue for a slow subscriber must not grow sixteen times larger in memory,
	 * nor hold more events than the receivers' loss accounting takes at its word.
	 */
	static final int HIGH_WATER_MARK_DIVISOR = 16;

	/**
	 * @param highWaterMark a high-water mark in messages as the options give it, 0 for none
	 * @return the mark for a socket that carries native batches: a sixteenth, but not below 1,000
	 * messages or the mark itself
	 */
	static int batchedHighWaterMark(int highWaterMark) {
		if (highWaterMark == 0) {
			return 0;
		}
		return Math.max(Math.min(highWaterMark, 1_000), highWaterMark / HIGH_WATER_MARK_DIVISOR);
	}

	/**
	 * Creates a context whose I/O thread reports its death: JeroMQ lets an error end that thread
	 * without telling anyone, and every socket of the context then goes silent for good.
	 * @param died called on the dying thread
	 */
	static ZContext context(Thread.UncaughtExceptionHandler died) {
		ZContext context = new ZContext(1);
		context.setUncaughtExceptionHandler(died);
		return context;
	}

	private static ZMQ.Socket create(ZContext context, SocketType type, String host, Engine.FrameAllocator allocator) {
		ZMQ.Socket socket = context.createSocket(type);
		socket.setLinger(0);
		socket.setHandshakeIvl(HANDSHAKE_INTERVAL_MS);
		socket.setReconnectIVL(100);
		socket.setReconnectIVLMax(2_000);
		// JeroMQ drops the connection of a peer whose frame header announces more than this ...
		socket.setMaxMsgSize(allocator.maxSize());
		// ... but compares the 64-bit size as signed, so the allocator refuses what slips through.
		socket.setMsgAllocator(allocator);
		socket.setIPv6(isIpv6(host));
		return socket;
	}

	/**
	 * Creates a broker socket; with security, a CURVE server that encrypts everything and asks the
	 * context's ZAP handler about each client key.
	 */
	static ZMQ.Socket server(ZContext context, SocketType type, BrokerOptions options,
			Engine.FrameAllocator allocator) {
		ZMQ.Socket socket = create(context, type, options.host(), allocator);
		BrokerSecurity security = options.security();
		if (security != null) {
			socket.setCurveServer(true);
			require(socket.setCurveSecretKey(key(security.serverKeys().secretKey())), "secret key");
		}
		return socket;
	}

	/** Creates a client socket; with security, a CURVE client that accepts only the given broker key. */
	static ZMQ.Socket client(ZContext context, SocketType type, String host, ClientOptions options,
			Engine.FrameAllocator allocator) {
		ZMQ.Socket socket = create(context, type, host, allocator);
		ClientSecurity security = options.security();
		if (security != null) {
			require(socket.setCurveServerKey(key(security.brokerPublicKey())), "broker public key");
			require(socket.setCurvePublicKey(key(security.clientKeys().publicKey())), "public key");
			require(socket.setCurveSecretKey(key(security.clientKeys().secretKey())), "secret key");
		}
		return socket;
	}

	private static byte[] key(String z85) {
		return ZMQ.Curve.z85Decode(z85);
	}

	private static void require(boolean accepted, String what) {
		if (!accepted) {
			throw new IllegalStateException("JeroMQ refused the CURVE " + what);
		}
	}

	/** @return whether the host is an IPv6 literal, with or without brackets */
	static boolean isIpv6(String host) {
		return host.indexOf(':') >= 0;
	}

	/** @return the host as a ZeroMQ endpoint needs it: an IPv6 literal in brackets */
	private static String endpointHost(String host) {
		return (isIpv6(host) && !host.startsWith("[")) ? "[" + host + "]" : host;
	}

	static String tcp(String host, int port) {
		return "tcp://" + hostAndPort(host, port);
	}

	/** @return {@code host:port}, an IPv6 literal in brackets */
	static String hostAndPort(String host, int port) {
		return endpointHost(host) + ":" + port;
	}

	/** @return an endpoint that binds any free port of the host */
	static String tcpAnyPort(String host) {
		return "tcp://" + endpointHost(host) + ":*";
	}
}
