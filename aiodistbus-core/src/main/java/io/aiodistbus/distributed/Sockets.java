package io.aiodistbus.distributed;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

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

	static ZMQ.Socket create(ZContext context, SocketType type) {
		ZMQ.Socket socket = context.createSocket(type);
		socket.setLinger(0);
		socket.setHandshakeIvl(HANDSHAKE_INTERVAL_MS);
		socket.setReconnectIVL(100);
		socket.setReconnectIVLMax(2_000);
		return socket;
	}

	/**
	 * Creates a broker socket; with security, a CURVE server that encrypts everything and asks the
	 * context's ZAP handler about each client key.
	 */
	static ZMQ.Socket server(ZContext context, SocketType type, BrokerSecurity security) {
		ZMQ.Socket socket = create(context, type);
		if (security != null) {
			socket.setCurveServer(true);
			require(socket.setCurveSecretKey(key(security.serverKeys().secretKey())), "secret key");
		}
		return socket;
	}

	/** Creates a client socket; with security, a CURVE client that accepts only the given broker key. */
	static ZMQ.Socket client(ZContext context, SocketType type, ClientSecurity security) {
		ZMQ.Socket socket = create(context, type);
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

	static String tcp(String host, int port) {
		return "tcp://" + host + ":" + port;
	}
}
