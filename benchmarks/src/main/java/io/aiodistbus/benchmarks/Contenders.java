package io.aiodistbus.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.aiodistbus.benchmarks.distributed.DirectTopology;
import io.aiodistbus.benchmarks.distributed.OurPingPong;
import io.aiodistbus.benchmarks.distributed.OurTopology;
import io.aiodistbus.benchmarks.distributed.PingPong;
import io.aiodistbus.benchmarks.distributed.RelayPingPong;
import io.aiodistbus.benchmarks.distributed.RelayTopology;
import io.aiodistbus.benchmarks.distributed.Topology;

/** What the distributed parts compare: our broker and clients, and the bare JeroMQ baselines. */
final class Contenders {

	static final String OURS = "aiodistbus";

	static final String RELAY = "bare relay";

	static final String DIRECT = "direct PUB->SUB";

	/** Bare clients through our broker: with the two above, tells our broker's cost from our client's. */
	static final String OUR_BROKER = "bare clients, our broker";

	private Contenders() {
	}

	/**
	 * A named way to make a topology.
	 * @param name the name
	 * @param topologies makes one
	 */
	record Throughput(String name, Supplier<Topology> topologies) {
	}

	/**
	 * A named way to make a ping-pong pair.
	 * @param name the name
	 * @param pingPongs makes one
	 */
	record Latency(String name, Supplier<PingPong> pingPongs) {
	}

	static List<Throughput> throughput() {
		List<Throughput> result = new ArrayList<>();
		result.add(new Throughput(OURS, OurTopology::new));
		result.add(new Throughput(RELAY, RelayTopology::new));
		result.add(new Throughput(DIRECT, DirectTopology::new));
		result.add(new Throughput(OUR_BROKER, RelayTopology::viaOurBroker));
		return result;
	}

	static List<Latency> latency() {
		List<Latency> result = new ArrayList<>();
		result.add(new Latency(OURS, OurPingPong::new));
		result.add(new Latency(RELAY, RelayPingPong::new));
		result.add(new Latency(OUR_BROKER, RelayPingPong::viaOurBroker));
		return result;
	}
}
