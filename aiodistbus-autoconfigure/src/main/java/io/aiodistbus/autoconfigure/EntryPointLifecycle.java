package io.aiodistbus.autoconfigure;

import java.util.List;

import org.springframework.context.SmartLifecycle;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.spring.HandlerRegistry;

/**
 * Starts the application's entry point once every singleton exists: puts the configured namespaces'
 * handlers on it, then connects it (a no-op for an entry point that is connected from the start), so
 * no event arrives before the handlers are there. It starts late and stops early, like Spring
 * Kafka's listener containers: events stop flowing before the beans they call are destroyed.
 * An entry point cannot reconnect after it closed, so the lifecycle does not restart.
 */
final class EntryPointLifecycle implements SmartLifecycle {

	/** Late among lifecycles: started after, and stopped before, the application's own. */
	static final int PHASE = Integer.MAX_VALUE - 100;

	private final EntryPoint entryPoint;

	private final HandlerRegistry registry;

	private final List<String> namespaces;

	private final Runnable connect;

	private volatile boolean running;

	private boolean started;

	/**
	 * @param entryPoint the application's entry point
	 * @param registry the handlers
	 * @param namespaces the namespaces to put on the entry point
	 * @param connect connects the entry point, after its handlers are registered
	 */
	EntryPointLifecycle(EntryPoint entryPoint, HandlerRegistry registry, List<String> namespaces, Runnable connect) {
		this.entryPoint = entryPoint;
		this.registry = registry;
		this.namespaces = List.copyOf(namespaces);
		this.connect = connect;
	}

	@Override
	public synchronized void start() {
		if (this.started) {
			return;
		}
		this.started = true;
		for (String namespace : this.namespaces) {
			this.registry.use(this.entryPoint, namespace);
		}
		this.connect.run();
		this.running = true;
	}

	@Override
	public void stop() {
		this.entryPoint.close();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}
}
