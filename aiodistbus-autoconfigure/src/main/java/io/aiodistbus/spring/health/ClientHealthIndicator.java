package io.aiodistbus.spring.health;

import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.aiodistbus.distributed.ClientStats;
import io.aiodistbus.distributed.DEntryPoint;

/**
 * Health of a connection to a broker: up while connected with no missed pulse, unknown while
 * connected but pulses are being missed (the client has not given the broker up yet), unknown before
 * the first connect, down otherwise (disrupted, reconnecting or closed).
 */
public final class ClientHealthIndicator extends AbstractHealthIndicator {

	private final DEntryPoint client;

	/**
	 * @param client the client
	 */
	public ClientHealthIndicator(DEntryPoint client) {
		super("aiodistbus health check failed");
		this.client = client;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ClientStats stats = this.client.stats();
		switch (stats.state()) {
			case CONNECTED -> {
				if (stats.missedPulses() == 0) {
					builder.up();
				}
				else {
					builder.unknown();
				}
			}
			case NEW -> builder.unknown();
			default -> builder.down();
		}
		Duration lastPulseAge = stats.lastPulseAge();
		builder.withDetail("mode", "client")
			.withDetail("state", stats.state())
			.withDetail("broker", String.valueOf(stats.endpoint()))
			.withDetail("lastPulseAge", (lastPulseAge != null) ? lastPulseAge.toMillis() + "ms" : "none yet")
			.withDetail("missedPulses", stats.missedPulses())
			.withDetail("reconnects", stats.reconnects())
			.withDetail("lost", stats.lost())
			.withDetail("outOfOrder", stats.outOfOrder())
			.withDetail("epochs", stats.epochs())
			.withDetail("dropped", DroppedDetails.of(stats.dropped()));
	}
}
