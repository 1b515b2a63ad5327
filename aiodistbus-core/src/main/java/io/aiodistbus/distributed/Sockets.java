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

	static String tcp(String host, int port) {
		return "tcp://" + host + ":" + port;
	}
}
