package io.aiodistbus.spring.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.aiodistbus.EntryPoint;

/**
 * Health of an in-process bus: up while the application's entry point is open.
 */
public final class EntryPointHealthIndicator extends AbstractHealthIndicator {

	private final EntryPoint entryPoint;

	/**
	 * @param entryPoint the entry point
	 */
	public EntryPointHealthIndicator(EntryPoint entryPoint) {
		super("aiodistbus health check failed");
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.entryPoint.isClosed()) {
			builder.down();
		}
		else {
			builder.up();
		}
		builder.withDetail("mode", "local").withDetail("entryPoint", this.entryPoint.id());
	}
}
