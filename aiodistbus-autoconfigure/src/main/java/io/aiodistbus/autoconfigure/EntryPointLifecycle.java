package io.aiodistbus.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.spring.HandlerRegistry;

/**
 * Starts the application's entry point once every singleton exists: puts the configured namespaces'
 * handlers on it, then connects it (a no-op for an entry point that is connected from the start), so
 * no event arrives before the handlers are there.
 * <p>
 * Shutdown goes as with Spring Kafka's listener containers: this lifecycle stops early, before the web
 * server drains its requests, and then only stops consuming: a client delivers no more received
 * events to the handlers and waits (up to the shutdown timeout, without interrupting them) for the
 * running ones, while emits still go out, so a request that is still being served can publish. The
 * entry point closes (and flushes what was emitted) when its bean is destroyed, after the web server
 * stopped. A local entry point keeps delivering until then, since its events come from the
 * application itself. Started again, the lifecycle delivers again. With {@code aiodistbus.auto-startup}
 * off, nothing of this happens until the application starts the context (or this bean) itself.
 */
final class EntryPointLifecycle implements SmartLifecycle {

	/**
	 * Late among lifecycles: started after the application's own, and stopped before them and before
	 * the web server's graceful shutdown ({@code SmartLifecycle.DEFAULT_PHASE - 1024}).
	 */
	static final int PHASE = Integer.MAX_VALUE - 100;

	private static final Logger logger = LoggerFactory.getLogger(EntryPointLifecycle.class);

	private final EntryPoint entryPoint;

	private final HandlerRegistry registry;

	private final List<String> namespaces;

	private final boolean autoStartup;

	private final Runnable connect;

	private final Duration shutdownTimeout;

	private final String description;

	private volatile boolean running;

	private boolean started;

	/**
	 * @param entryPoint the application's entry point
	 * @param registry the handlers
	 * @param namespaces the namespaces to put on the entry point
	 * @param autoStartup whether the context's start starts it, or only an explicit {@code start()}
	 * @param connect connects the entry point, after its handlers are registered
	 * @param shutdownTimeout how long stopping waits for running handlers
	 * @param description what the bus is, logged once started; {@code null} when the entry point
	 * says it itself (a client logs its connection)
	 */
	EntryPointLifecycle(EntryPoint entryPoint, HandlerRegistry registry, List<String> namespaces, boolean autoStartup,
			Runnable connect, Duration shutdownTimeout, String description) {
		this.entryPoint = entryPoint;
		this.registry = registry;
		this.namespaces = List.copyOf(namespaces);
		this.autoStartup = autoStartup;
		this.connect = connect;
		this.shutdownTimeout = shutdownTimeout;
		this.description = description;
	}

	@Override
	public synchronized void start() {
		if (this.started) {
			if (this.entryPoint instanceof DEntryPoint client) {
				client.resumeDelivery();
			}
			this.running = true;
			return;
		}
		this.started = true;
		for (String namespace : this.namespaces) {
			this.registry.use(this.entryPoint, namespace);
		}
		this.connect.run();
		this.running = true;
		if (this.description != null) {
			int handlers = this.namespaces.stream()
				.mapToInt((namespace) -> this.registry.handlers(namespace).size())
				.sum();
			logger.info("{}; {} handlers in namespaces {}", this.description, handlers, this.namespaces);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.entryPoint instanceof DEntryPoint client) {
			client.pauseDelivery(this.shutdownTimeout);
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}
}
