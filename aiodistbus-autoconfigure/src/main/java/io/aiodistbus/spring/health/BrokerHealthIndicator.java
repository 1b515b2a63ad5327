package io.aiodistbus.spring.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.aiodistbus.distributed.BrokerStats;
import io.aiodistbus.distributed.DEventBus;

/**
 * Health of an embedded broker: up while it serves, down once closed or once ZeroMQ's I/O thread
 * died.
 */
public final class BrokerHealthIndicator extends AbstractHealthIndicator {

	private final DEventBus broker;

	/**
	 * @param broker the broker
	 */
	public BrokerHealthIndicator(DEventBus broker) {
		super("aiodistbus health check failed");
		this.broker = broker;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		BrokerStats stats = this.broker.stats();
		if (stats.running()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("mode", "broker")
			.withDetail("host", this.broker.host())
			.withDetail("port", this.broker.port())
			.withDetail("connectedClients", stats.connectedClients())
			.withDetail("relayed", stats.relayed())
			.withDetail("refusedConnections", stats.refusedConnections())
			.withDetail("failedHandshakes", stats.failedHandshakes())
			.withDetail("dropped", DroppedDetails.of(stats.dropped()));
	}
}
