package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import io.aiodistbus.event.ReservedTopics;

/**
 * A broker that behaves as Python aiodistbus's does on the wire and checks nothing: a ROUTER on P
 * answers every {@code connect} with {@code handshake}, a PULL on P+2 relays every message verbatim
 * (any frame count) to a PUB on P+1. One thread owns the three sockets. It records what it received,
 * for tests to inspect.
 */
final class FakePythonBroker implements AutoCloseable {

	private final ZContext context = new ZContext(1);

	private ZMQ.Socket router;

	private ZMQ.Socket publisher;

	private ZMQ.Socket collector;

	private final int port;

	private final Thread thread;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile boolean stopping;

	/** Every message the ROUTER received, identity first. */
	final BlockingQueue<List<byte[]>> handshakeRequests = new LinkedBlockingQueue<>();

	/** Every message the PULL received, in order. */
	final BlockingQueue<List<byte[]>> pulled = new LinkedBlockingQueue<>();

	private final boolean relay;

	/** A broker that answers handshakes and relays. */
	FakePythonBroker() {
		this(true);
	}

	/**
	 * @param relay whether to relay what it pulls; without, it answers handshakes only
	 */
	FakePythonBroker(boolean relay) {
		this.relay = relay;
		this.port = bind();
		this.thread = new Thread(this::run, "fake-python-broker-" + this.port);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private int bind() {
		for (int attempt = 0; attempt < 50; attempt++) {
			this.router = socket(SocketType.ROUTER);
			this.publisher = socket(SocketType.PUB);
			this.collector = socket(SocketType.PULL);
			try {
				this.router.bind("tcp://127.0.0.1:*");
				String endpoint = this.router.getLastEndpoint();
				int first = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
				this.publisher.bind("tcp://127.0.0.1:" + (first + 1));
				this.collector.bind("tcp://127.0.0.1:" + (first + 2));
				return first;
			}
			catch (ZMQException | IllegalArgumentException ex) {
				this.context.destroySocket(this.router);
				this.context.destroySocket(this.publisher);
				this.context.destroySocket(this.collector);
			}
		}
		this.context.close();
		throw new IllegalStateException("no three free consecutive ports");
	}

	private ZMQ.Socket socket(SocketType type) {
		ZMQ.Socket socket = this.context.createSocket(type);
		socket.setLinger(0);
		socket.setHandshakeIvl(500);
		return socket;
	}

	/** @return the handshake port; PUB is on {@code port() + 1}, PULL on {@code port() + 2} */
	int port() {
		return this.port;
	}

	/**
	 * @param topic the topic frame to look for
	 * @param timeoutSeconds how long to wait
	 * @return the first pulled message with that topic, skipping others (such as subscription probes)
	 */
	List<byte[]> awaitPulled(String topic, long timeoutSeconds) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		while (true) {
			List<byte[]> message = this.pulled.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (message == null) {
				throw new AssertionError("no message with topic '" + topic + "' pulled in " + timeoutSeconds + " s");
			}
			if (new String(message.get(0), StandardCharsets.UTF_8).equals(topic)) {
				return message;
			}
		}
	}

	private void run() {
		ZMQ.Poller poller = this.context.createPoller(2);
		int routerIndex = poller.register(this.router, ZMQ.Poller.POLLIN);
		int collectorIndex = poller.register(this.collector, ZMQ.Poller.POLLIN);
		try {
			while (!this.stopping) {
				poller.poll(50);
				if (poller.pollin(routerIndex)) {
					List<byte[]> request;
					while ((request = receive(this.router)) != null) {
						this.handshakeRequests.add(request);
						if (request.size() == 2 && ReservedTopics.CONNECT
							.equals(new String(request.get(1), StandardCharsets.UTF_8))) {
							this.router.sendMore(request.get(0));
							this.router.send(ReservedTopics.HANDSHAKE);
						}
					}
				}
				if (poller.pollin(collectorIndex)) {
					List<byte[]> message;
					while ((message = receive(this.collector)) != null) {
						this.pulled.add(message);
						for (int i = 0; this.relay && i < message.size(); i++) {
							this.publisher.send(message.get(i), (i < message.size() - 1) ? ZMQ.SNDMORE : 0);
						}
					}
				}
			}
		}
		finally {
			poller.close();
			this.context.destroySocket(this.router);
			this.context.destroySocket(this.publisher);
			this.context.destroySocket(this.collector);
			this.stopped.countDown();
		}
	}

	private static List<byte[]> receive(ZMQ.Socket socket) {
		byte[] first = socket.recv(ZMQ.DONTWAIT);
		if (first == null) {
			return null;
		}
		List<byte[]> frames = new ArrayList<>();
		frames.add(first);
		while (socket.hasReceiveMore()) {
			frames.add(socket.recv(0));
		}
		return frames;
	}

	@Override
	public void close() throws InterruptedException {
		this.stopping = true;
		if (!this.stopped.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the fake broker's thread did not stop");
		}
		this.context.close();
	}
}
