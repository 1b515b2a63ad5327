package io.aiodistbus.autoconfigure;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.nats.NatsEntryPoint;

/**
 * The graceful shutdown of 'nats' mode, beside {@link EntryPointLifecycle} and in its phase, so before the
 * web server drains: stopping pauses delivery to the handlers and waits for those running and queued
 * (emits still go out); starting again resumes it. The entry point closes with its bean, later.
 */
final class NatsDeliveryLifecycle implements SmartLifecycle {

	private final EntryPoint entryPoint;

	private final Duration shutdownTimeout;

	private volatile boolean running;

	/**
	 * @param entryPoint the application's entry point; one that is not on NATS (the application's own)
	 * is left alone
	 * @param shutdownTimeout how long stopping waits for the handlers
	 */
	NatsDeliveryLifecycle(EntryPoint entryPoint, Duration shutdownTimeout) {
		this.entryPoint = entryPoint;
		this.shutdownTimeout = shutdownTimeout;
	}

	@Override
	public void start() {
		if (this.entryPoint instanceof NatsEntryPoint nats) {
			nats.resumeDelivery();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		if (this.entryPoint instanceof NatsEntryPoint nats) {
			nats.pauseDelivery(this.shutdownTimeout);
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return EntryPointLifecycle.PHASE;
	}

}
