package io.aiodistbus.benchmarks.distributed;

import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.benchmarks.Tick;

/**
 * A bare SUB socket on a thread of its own, handing decoded ticks to a sink. The socket is created,
 * used and closed on that thread, since JeroMQ sockets are not thread-safe and must not be
 * interrupted.
 */
final class SubReceiver implements AutoCloseable {

	private final Thread thread;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile boolean running = true;

	/**
	 * A receiver with a context (and so an I/O thread) of its own, as a receiver in a process of its
	 * own has: sharing one I/O thread among all parties would spare the baselines thread wake-ups
	 * that our clients, each with its own context, must pay.
	 * @param port the PUB port to connect to
	 * @param prefix the topic prefix to subscribe to
	 * @param sink what receives the ticks
	 */
	SubReceiver(int port, String prefix, Consumer<Tick> sink) {
		this(null, port, prefix, sink);
	}

	/**
	 * @param context the context of the party this receiver belongs to, {@code null} for one of its own
	 * @param port the PUB port to connect to
	 * @param prefix the topic prefix to subscribe to
	 * @param sink what receives the ticks
	 */
	SubReceiver(ZContext context, int port, String prefix, Consumer<Tick> sink) {
		this.thread = new Thread(() -> {
			ZContext used = (context != null) ? context : new ZContext(1);
			try {
				loop(used, port, prefix, sink);
			}
			finally {
				if (context == null) {
					used.close();
				}
				this.stopped.countDown();
			}
		}, "bench-sub");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void loop(ZContext context, int port, String prefix, Consumer<Tick> sink) {
		ZMQ.Socket socket = Sockets.create(context, SocketType.SUB);
		try {
			socket.subscribe(prefix);
			socket.connect(Sockets.endpoint(port));
			while (this.running) {
				Tick tick = TickFrames.receive(socket);
				if (tick != null) {
					sink.accept(tick);
				}
			}
		}
		finally {
			socket.close();
		}
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
