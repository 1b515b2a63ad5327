package io.aiodistbus.nats;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A cluster of real nats-servers on loopback, each routed to all the others ({@code --cluster},
 * {@code --routes}), on free ports. The nodes tell their clients of each other, so a client given one
 * node's URL fails over to the others.
 */
final class NatsCluster implements AutoCloseable {

	private final List<NatsServerProcess> nodes = new ArrayList<>();

	/**
	 * @param size how many nodes
	 */
	NatsCluster(int size) {
		List<Integer> clusterPorts = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			clusterPorts.add(NatsServerProcess.freePort());
		}
		try {
			for (int i = 0; i < size; i++) {
				int own = clusterPorts.get(i);
				String routes = clusterPorts.stream()
					.filter((port) -> port != own)
					.map((port) -> "nats://127.0.0.1:" + port)
					.collect(Collectors.joining(","));
				this.nodes.add(NatsServerProcess.start(NatsServerProcess.freePort(),
						List.of("--cluster_name", "aiodistbus-test", "--cluster", "nats://127.0.0.1:" + own, "--routes",
								routes)));
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/** @return a node, from 0 */
	NatsServerProcess node(int index) {
		return this.nodes.get(index);
	}

	/** @return every node's client URL */
	List<String> urls() {
		return this.nodes.stream().map(NatsServerProcess::url).toList();
	}

	@Override
	public void close() {
		this.nodes.forEach(NatsServerProcess::close);
	}
}
