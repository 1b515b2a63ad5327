package io.aiodistbus.benchmarks.distributed;

import java.util.function.Consumer;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.benchmarks.Tick;

/**
 * Publisher PUB -> SUB receivers, no broker: the ceiling of any brokered design. The PUB is bound
 * when the topology is made, so make it on the thread that will publish.
 */
public final class DirectTopology implements Topology {

	private final ZContext context = new ZContext(1);

	private final ZMQ.Socket pub = Sockets.create(this.context, SocketType.PUB);

	private final int port = Sockets.bind(this.pub);

	private final Thread owner = Thread.currentThread();

	@Override
	public String name() {
		return "direct PUB->SUB";
	}

	@Override
	public Publisher publisher() {
		if (Thread.currentThread() != this.owner) {
			throw new IllegalStateException("publish from the thread that made the topology");
		}
		return new Publisher() {

			@Override
			public void send(String type, Tick tick) {
				TickFrames.send(DirectTopology.this.pub, type, tick);
			}

			@Override
			public void close() {
				// the PUB is the topology's; it closes with it
			}
		};
	}

	@Override
	public AutoCloseable receiver(Consumer<Tick> sink) {
		return new SubReceiver(this.port, Tick.TYPE, sink);
	}

	@Override
	public void close() {
		this.pub.close();
		this.context.close();
	}
}
