package io.aiodistbus.benchmarks.distributed;

import java.util.function.Consumer;

import io.aiodistbus.benchmarks.Tick;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;

/** Our broker and clients, as an application would use them: default options, or a variant's. */
public final class OurTopology implements Topology {

	private final OurVariant variant;

	private final ClientOptions clientOptions;

	private final DEventBus broker;

	/** Our broker and clients with their default options. */
	public OurTopology() {
		this(OurVariant.NATIVE);
	}

	/**
	 * Our broker and clients set up as the variant says.
	 * @param variant the variant
	 */
	public OurTopology(OurVariant variant) {
		OurVariant.Setup setup = variant.setup();
		this.variant = variant;
		this.clientOptions = setup.client();
		this.broker = new DEventBus(setup.broker());
	}

	@Override
	public String name() {
		return this.variant.label();
	}

	/** @return a client connected to this topology's broker, without handlers */
	public DEntryPoint client() {
		DEntryPoint client = new DEntryPoint(this.clientOptions);
		client.connect("127.0.0.1", this.broker.port());
		return client;
	}

	/** @return the broker */
	public DEventBus broker() {
		return this.broker;
	}

	@Override
	public Publisher publisher() {
		DEntryPoint client = client();
		return new Publisher() {

			@Override
			public void send(String type, Tick tick) {
				client.emit(type, tick);
			}

			@Override
			public void close() {
				client.close();
			}
		};
	}

	@Override
	public AutoCloseable receiver(Consumer<Tick> sink) {
		DEntryPoint client = new DEntryPoint(this.clientOptions);
		client.on(Tick.TYPE, Tick.class, sink);
		client.connect("127.0.0.1", this.broker.port());
		return client;
	}

	@Override
	public void close() {
		this.broker.close();
	}
}
