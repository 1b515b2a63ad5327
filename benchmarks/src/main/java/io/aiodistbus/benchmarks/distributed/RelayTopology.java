package io.aiodistbus.benchmarks.distributed;

import java.util.function.Consumer;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.benchmarks.Tick;

/**
 * Publisher PUSH -> {@link BareRelay} -> SUB receivers: our bus's shape with nothing of our bus. With
 * our broker in the middle instead, it tells the broker's cost from our client's.
 */
public final class RelayTopology implements Topology {

	private final ZContext context = new ZContext(1);

	private final Broker relay;

	private final String name;

	private final boolean nativeFrames;

	/** Bare clients through the bare relay. */
	public RelayTopology() {
		this(null, "bare JeroMQ relay", false);
	}

	/** @param broker the broker in the middle, {@code null} for the bare relay */
	private RelayTopology(Broker broker, String name, boolean nativeFrames) {
		this.relay = (broker != null) ? broker : new BareRelay(this.context);
		this.name = name;
		this.nativeFrames = nativeFrames;
	}

	/** @return bare clients through our broker */
	public static RelayTopology viaOurBroker() {
		return new RelayTopology(Broker.ours(), "bare clients via our broker", false);
	}

	/** @return bare clients through the bare relay, sending the native format's one frame per event */
	public static RelayTopology withNativeFrames() {
		return new RelayTopology(null, "bare JeroMQ relay, native frames", true);
	}

	@Override
	public String name() {
		return this.name;
	}

	/** The publisher has a context of its own, as it would in its own process. */
	@Override
	public Publisher publisher() {
		ZContext own = new ZContext(1);
		ZMQ.Socket push = Sockets.create(own, SocketType.PUSH);
		push.connect(Sockets.endpoint(this.relay.pullPort()));
		return new Publisher() {

			@Override
			public void send(String type, Tick tick) {
				if (RelayTopology.this.nativeFrames) {
					TickFrames.sendNative(push, type, tick);
				}
				else {
					TickFrames.send(push, type, tick);
				}
			}

			@Override
			public void close() {
				push.close();
				own.close();
			}
		};
	}

	@Override
	public AutoCloseable receiver(Consumer<Tick> sink) {
		return new SubReceiver(this.relay.pubPort(), Tick.TYPE, sink);
	}

	@Override
	public void close() {
		this.relay.close();
		this.context.close();
	}
}
