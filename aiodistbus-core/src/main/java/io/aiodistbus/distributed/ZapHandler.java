package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import io.aiodistbus.internal.dispatch.LogThrottle;

/**
 * The broker's ZAP handler (ZeroMQ RFC 27): during each CURVE handshake on the broker's sockets,
 * ZeroMQ asks it whether the client's public key may come in, and it answers from the allow-list. It
 * must be bound before the CURVE sockets accept anyone, because ZeroMQ lets every client in when no
 * handler is bound. Its socket is read on the broker's I/O thread, like the broker's others.
 *
 * <p>Refusals are counted and logged with the client's address, at most a burst per window, since a
 * refused client keeps retrying on each of its three sockets.
 */
final class ZapHandler {

	/** Where ZeroMQ looks for the handler of a context. */
	static final String ENDPOINT = "inproc://zeromq.zap.01";

	private static final String VERSION = "1.0";

	private static final long WINDOW_NANOS = 10_000_000_000L;

	private static final int BURST = 20;

	private final ZMQ.Socket socket;

	private final Set<String> allowed;

	private final Logger logger;

	private final String owner;

	private final AtomicLong refused = new AtomicLong();

	private final LogThrottle refusalLog = new LogThrottle(WINDOW_NANOS, BURST);

	ZapHandler(ZContext context, BrokerSecurity security, Logger logger, String owner) {
		this.allowed = security.allowedClientKeys();
		this.logger = logger;
		this.owner = owner;
		this.socket = context.createSocket(SocketType.REP);
		this.socket.setLinger(0);
		this.socket.bind(ENDPOINT);
	}

	/** @return how many connections were refused since start */
	long refused() {
		return this.refused.get();
	}

	/** Answers every pending request; called on the broker's I/O thread. */
	void answerAll() {
		ZMsg request;
		while ((request = ZMsg.recvMsg(this.socket, ZMQ.DONTWAIT)) != null) {
			answer(request);
			request.destroy();
		}
	}

	private void answer(ZMsg request) {
		// version, request id, domain, address, identity, mechanism, then the mechanism's credentials
		ZFrame[] frames = request.toArray(new ZFrame[0]);
		String requestId = (frames.length > 1) ? frames[1].getString(StandardCharsets.UTF_8) : "";
		if (frames.length != 7 || !VERSION.equals(frames[0].getString(StandardCharsets.UTF_8))) {
			refuse(requestId, "?", "a malformed ZAP request");
			return;
		}
		String address = frames[3].getString(StandardCharsets.UTF_8);
		String mechanism = frames[5].getString(StandardCharsets.UTF_8);
		byte[] credentials = frames[6].getData();
		if (!"CURVE".equals(mechanism) || credentials.length != ZMQ.Curve.KEY_SIZE) {
			refuse(requestId, address, "a " + mechanism + " handshake where CURVE is required");
			return;
		}
		String key = ZMQ.Curve.z85Encode(credentials);
		if (this.allowed.contains(key)) {
			reply(requestId, "200", "OK", key);
		}
		else {
			refuse(requestId, address, "client public key " + key + " is not in the allow-list");
		}
	}

	private void refuse(String requestId, String address, String why) {
		this.refused.incrementAndGet();
		log(address, why);
		reply(requestId, "400", "Not allowed", "");
	}

	private void reply(String requestId, String status, String text, String userId) {
		this.socket.sendMore(VERSION);
		this.socket.sendMore(requestId);
		this.socket.sendMore(status);
		this.socket.sendMore(text);
		this.socket.sendMore(userId);
		this.socket.send(new byte[0]);
	}

	private void log(String address, String why) {
		long admitted = this.refusalLog.admit();
		if (admitted > 1) {
			this.logger.warn("{}: refused {} more connections earlier without a log line each", this.owner,
					admitted - 1);
		}
		if (admitted > 0) {
			this.logger.warn("{}: refused a connection from {}: {}", this.owner, address, why);
		}
	}
}
