package io.aiodistbus.benchmarks.distributed;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Socket settings shared by the bare JeroMQ baselines. */
final class Sockets {

	/**
	 * Per-socket queue limit of the baselines, in messages. A PUB drops beyond it, a PUSH blocks. The
	 * same order as our bus's, so that loss figures compare.
	 */
	static final int HWM = 100_000;

	/** Lets a receive loop notice that it should stop. */
	static final int RECEIVE_TIMEOUT_MS = 100;

	private Sockets() {
	}

	/**
	 * @param context the context
	 * @param type the socket type
	 * @return a socket with a short handshake interval (JeroMQ 0.6.0 connect race, see the spec
	 * notes), no linger, and the benchmark's queue limits
	 */
	static ZMQ.Socket create(ZContext context, SocketType type) {
		ZMQ.Socket socket = context.createSocket(type);
		socket.setHandshakeIvl(500);
		socket.setLinger(0);
		socket.setSndHWM(HWM);
		socket.setRcvHWM(HWM);
		socket.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
		return socket;
	}

	/** @return a bound socket's loopback port */
	static int bind(ZMQ.Socket socket) {
		return socket.bindToRandomPort("tcp://127.0.0.1");
	}

	static String endpoint(int port) {
		return "tcp://127.0.0.1:" + port;
	}
}
