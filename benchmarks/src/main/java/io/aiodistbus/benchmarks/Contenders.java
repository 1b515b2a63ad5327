package io.aiodistbus.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.aiodistbus.benchmarks.distributed.DirectTopology;
import io.aiodistbus.benchmarks.distributed.NatsPingPong;
import io.aiodistbus.benchmarks.distributed.NatsTopology;
import io.aiodistbus.benchmarks.distributed.OurNatsPingPong;
import io.aiodistbus.benchmarks.distributed.OurNatsTopology;
import io.aiodistbus.benchmarks.distributed.OurPingPong;
import io.aiodistbus.benchmarks.distributed.OurTopology;
import io.aiodistbus.benchmarks.distributed.OurVariant;
import io.aiodistbus.benchmarks.distributed.PingPong;
import io.aiodistbus.benchmarks.distributed.RedisPingPong;
import io.aiodistbus.benchmarks.distributed.RedisTopology;
import io.aiodistbus.benchmarks.distributed.RelayPingPong;
import io.aiodistbus.benchmarks.distributed.RelayTopology;
import io.aiodistbus.benchmarks.distributed.Topology;

/**
 * What the distributed parts compare: our broker and clients, the bare JeroMQ baselines, and two
 * other brokers an application might pick instead, NATS and Redis pub/sub, each run by the benchmark
 * in a process of its own (and left out, with a line saying so, where its server is not installed).
 */
final class Contenders {

	static final String OURS = OurVariant.NATIVE.label();

	static final String OURS_PYTHON = OurVariant.PYTHON_FORMAT.label();

	static final String OURS_CURVE = OurVariant.CURVE.label();

	/** Our bus with {@code inlineDispatch}: sparse events handled on the client's I/O thread. */
	static final String OURS_INLINE = OurVariant.INLINE.label();

	static final String RELAY = "bare relay";

	static final String RELAY_NATIVE = "bare relay, native frames";

	static final String DIRECT = "direct PUB->SUB";

	/** Bare clients through our broker: with the two above, tells our broker's cost from our client's. */
	static final String OUR_BROKER = "bare clients, our broker";

	static final String NATS = NatsTopology.NAME;

	/** Our bus on NATS, the {@code aiodistbus-nats} transport. */
	static final String OURS_ON_NATS = OurNatsTopology.NAME;

	static final String REDIS = RedisTopology.NAME;

	private static final boolean NATS_INSTALLED = installed(NatsTopology.installed(), "nats-server", NATS);

	private static final boolean REDIS_INSTALLED = installed(RedisTopology.installed(), "redis-server", REDIS);

	private Contenders() {
	}

	private static boolean installed(boolean installed, String executable, String name) {
		if (!installed) {
			Progress.log("%s is not installed: no %s figures (apt-get install %s)", executable, name, executable);
		}
		return installed;
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
		result.add(new Throughput(OURS_PYTHON, () -> new OurTopology(OurVariant.PYTHON_FORMAT)));
		result.add(new Throughput(OURS_CURVE, () -> new OurTopology(OurVariant.CURVE)));
		result.add(new Throughput(RELAY, RelayTopology::new));
		result.add(new Throughput(RELAY_NATIVE, RelayTopology::withNativeFrames));
		result.add(new Throughput(DIRECT, DirectTopology::new));
		result.add(new Throughput(OUR_BROKER, RelayTopology::viaOurBroker));
		if (NATS_INSTALLED) {
			result.add(new Throughput(NATS, NatsTopology::new));
			result.add(new Throughput(OURS_ON_NATS, OurNatsTopology::new));
		}
		if (REDIS_INSTALLED) {
			result.add(new Throughput(REDIS, RedisTopology::new));
		}
		return result;
	}

	static List<Latency> latency() {
		List<Latency> result = new ArrayList<>();
		result.add(new Latency(OURS, OurPingPong::new));
		result.add(new Latency(OURS_PYTHON, () -> new OurPingPong(OurVariant.PYTHON_FORMAT)));
		result.add(new Latency(OURS_INLINE, () -> new OurPingPong(OurVariant.INLINE)));
		result.add(new Latency(RELAY, RelayPingPong::new));
		result.add(new Latency(OUR_BROKER, RelayPingPong::viaOurBroker));
		if (NATS_INSTALLED) {
			result.add(new Latency(NATS, NatsPingPong::new));
			result.add(new Latency(OURS_ON_NATS, OurNatsPingPong::new));
		}
		if (REDIS_INSTALLED) {
			result.add(new Latency(REDIS, RedisPingPong::new));
		}
		return result;
	}
}
