package io.aiodistbus.benchmarks.distributed;

import java.util.function.Consumer;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.benchmarks.Tick;

/** Publisher PUSH -> {@link BareRelay} -> SUB receivers: our bus's shape with nothing of our bus. */
public final class RelayTopology implements Topology {

	private final ZContext context = new ZContext(1);

	private final BareRelay relay = new BareRelay(this.context);

	@Override
	public String name() {
		return "bare JeroMQ relay";
	}

	@Override
	public Publisher publisher() {
		ZMQ.Socket push = Sockets.create(this.context, SocketType.PUSH);
		push.connect(Sockets.endpoint(this.relay.pullPort()));
		return new Publisher() {

			@Override
			public void send(String type, Tick tick) {
				TickFrames.send(push, type, tick);
			}

			@Override
			public void close() {
				push.close();
			}
		};
	}

	@Override
	public AutoCloseable receiver(Consumer<Tick> sink) {
		return new SubReceiver(this.context, this.relay.pubPort(), Tick.TYPE, sink);
	}

	/** @return the relay, for the round-trip benchmark */
	BareRelay relay() {
		return this.relay;
	}

	/** @return the context, for the round-trip benchmark */
	ZContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.relay.close();
		this.context.close();
	}
}
