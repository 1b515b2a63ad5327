package io.aiodistbus.spring.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.aiodistbus.nats.NatsEntryPoint;
import io.aiodistbus.nats.NatsStats;

/**
 * Health of an entry point on NATS, as a client's: up while connected, unknown before the first
 * connect, down while connecting in the background, disrupted, reconnecting (failing over) or closed. Details as a client's, with the
 * server connected to in place of the broker, and the slow consumer reports in place of pulses (NATS
 * watches the connection itself, with its own pings).
 */
public final class NatsHealthIndicator extends AbstractHealthIndicator {

	private final NatsEntryPoint entryPoint;

	/**
	 * @param entryPoint the entry point
	 */
	public NatsHealthIndicator(NatsEntryPoint entryPoint) {
		super("aiodistbus health check failed");
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		NatsStats stats = this.entryPoint.stats();
		switch (stats.state()) {
			case CONNECTED -> builder.up();
			case NEW -> builder.unknown();
			default -> builder.down();
		}
		builder.withDetail("mode", "nats")
			.withDetail("state", stats.state())
			.withDetail("server", String.valueOf(stats.server()))
			.withDetail("subjectPrefix", this.entryPoint.options().subjectPrefix())
			.withDetail("reconnects", stats.reconnects())
			.withDetail("lost", stats.lost())
			.withDetail("outOfOrder", stats.outOfOrder())
			.withDetail("epochs", stats.epochs())
			.withDetail("slowConsumers", stats.slowConsumers())
			.withDetail("dropped", DroppedDetails.of(stats.dropped()));
	}
}
