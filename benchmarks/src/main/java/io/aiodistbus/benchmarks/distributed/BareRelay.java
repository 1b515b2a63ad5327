package io.aiodistbus.benchmarks.distributed;

import java.util.concurrent.CountDownLatch;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import zmq.Msg;

/**
 * The limit for a broker of this shape: PULL in, PUB out, and a hand-written loop that forwards each
 * frame as received, without copying, checking or decoding it (the spec notes measured this at 2-5x
 * {@code ZMQ.proxy}). Both sockets live on the relay's own thread.
 */
final class BareRelay implements Broker {

	private final Thread thread;

	private final CountDownLatch bound = new CountDownLatch(1);

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile boolean running = true;

	private volatile int pullPort;

	private volatile int pubPort;

	/**
	 * Starts the relay and returns once both sockets are bound.
	 * @param context the context
	 */
	BareRelay(ZContext context) {
		this.thread = new Thread(() -> loop(context), "bench-relay");
		this.thread.setDaemon(true);
		this.thread.start();
		try {
			this.bound.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the relay started", ex);
		}
	}

	private void loop(ZContext context) {
		ZMQ.Socket pull = Sockets.create(context, SocketType.PULL);
		ZMQ.Socket pub = Sockets.create(context, SocketType.PUB);
		try {
			this.pullPort = Sockets.bind(pull);
			this.pubPort = Sockets.bind(pub);
			this.bound.countDown();
			zmq.SocketBase in = pull.base();
			zmq.SocketBase out = pub.base();
			while (this.running) {
				Msg msg = in.recv(0);
				if (msg != null) {
					out.send(msg, msg.hasMore() ? zmq.ZMQ.ZMQ_SNDMORE : 0);
				}
			}
		}
		finally {
			pull.close();
			pub.close();
			this.stopped.countDown();
		}
	}

	@Override
	public int pullPort() {
		return this.pullPort;
	}

	@Override
	public int pubPort() {
		return this.pubPort;
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
