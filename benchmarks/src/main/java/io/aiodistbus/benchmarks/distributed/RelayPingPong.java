package io.aiodistbus.benchmarks.distributed;

import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.benchmarks.Tick;

/**
 * Ping-pong between bare JeroMQ clients: each is a PUSH to the broker and a SUB from it, and the
 * ponger decodes the ping and encodes a new pong event as our client would. The broker is the
 * {@link BareRelay}, or ours to tell its cost from our client's.
 */
public final class RelayPingPong implements PingPong {

	/** The broker's context; pinger and ponger have their own, as separate processes would. */
	private final ZContext context = new ZContext(1);

	private final ZContext pingerContext = new ZContext(1);

	private final Broker relay;

	private final String name;

	private final CountDownLatch pongerStopped = new CountDownLatch(1);

	private volatile boolean running = true;

	private ZMQ.Socket pingPush;

	private SubReceiver pongReceiver;

	/** Bare clients through the bare relay. */
	public RelayPingPong() {
		this.relay = new BareRelay(this.context);
		this.name = "bare JeroMQ relay";
	}

	private RelayPingPong(Broker broker, String name) {
		this.relay = broker;
		this.name = name;
	}

	/** @return bare clients through our broker */
	public static RelayPingPong viaOurBroker() {
		return new RelayPingPong(Broker.ours(), "bare clients via our broker");
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void start(Consumer<Tick> pongs) {
		Thread ponger = new Thread(this::pong, "bench-ponger");
		ponger.setDaemon(true);
		ponger.start();
		this.pongReceiver = new SubReceiver(this.pingerContext, this.relay.pubPort(), PONG, pongs);
		this.pingPush = Sockets.create(this.pingerContext, SocketType.PUSH);
		this.pingPush.connect(Sockets.endpoint(this.relay.pullPort()));
	}

	private void pong() {
		ZContext own = new ZContext(1);
		ZMQ.Socket sub = Sockets.create(own, SocketType.SUB);
		ZMQ.Socket push = Sockets.create(own, SocketType.PUSH);
		try {
			sub.subscribe(PING);
			sub.connect(Sockets.endpoint(this.relay.pubPort()));
			push.connect(Sockets.endpoint(this.relay.pullPort()));
			while (this.running) {
				Tick tick = TickFrames.receive(sub);
				if (tick != null) {
					TickFrames.send(push, PONG, tick);
				}
			}
		}
		finally {
			sub.close();
			push.close();
			own.close();
			this.pongerStopped.countDown();
		}
	}

	@Override
	public void ping(Tick tick) {
		TickFrames.send(this.pingPush, PING, tick);
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.pongerStopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.pongReceiver != null) {
			this.pongReceiver.close();
		}
		if (this.pingPush != null) {
			this.pingPush.close();
		}
		this.pingerContext.close();
		this.relay.close();
		this.context.close();
	}
}
