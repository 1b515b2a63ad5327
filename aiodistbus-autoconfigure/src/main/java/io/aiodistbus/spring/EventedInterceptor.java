package io.aiodistbus.spring;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.EntryPoint;

/**
 * The advice behind an {@link Evented} proxy: sees changes through setters, wraps collections that
 * getters return, links nested evented objects, and emits one event per burst of changes.
 */
final class EventedInterceptor implements MethodInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(EventedInterceptor.class);

	private final Object target;

	private final String type;

	private final long debounceNanos;

	private final ScheduledExecutorService scheduler;

	private final Supplier<? extends EntryPoint> entryPoint;

	// Evented objects that contain this one and change when it does.
	private final Set<EventedInterceptor> parents = new CopyOnWriteArraySet<>();

	private ScheduledFuture<?> pending;

	EventedInterceptor(Object target, String type, Duration debounce, ScheduledExecutorService scheduler,
			Supplier<? extends EntryPoint> entryPoint) {
		this.target = target;
		this.type = type;
		this.debounceNanos = debounce.toNanos();
		this.scheduler = scheduler;
		this.entryPoint = entryPoint;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		if (method.getDeclaringClass() == EventedObject.class) {
			return this;
		}
		String name = method.getName();
		int parameters = method.getParameterCount();
		Object result = invocation.proceed();
		if (parameters == 1 && name.startsWith("set") && name.length() > 3) {
			link(invocation.getArguments()[0]);
			changed();
			return result;
		}
		if (parameters == 0 && name.startsWith("get") && name.length() > 3) {
			return view(result);
		}
		return result;
	}

	private Object view(Object value) {
		if (value instanceof List<?> list && !(value instanceof ObservableList)) {
			return new ObservableList<>(list, this::changed);
		}
		if (value instanceof Map<?, ?> map && !(value instanceof ObservableMap)) {
			return new ObservableMap<>(map, this::changed);
		}
		link(value);
		return value;
	}

	private void link(Object value) {
		EventedInterceptor child = Evented.interceptorOf(value);
		if (child != null && child != this) {
			child.parents.add(this);
		}
	}

	/** Restarts the debounce timer, here and in every evented object that contains this one. */
	void changed() {
		synchronized (this) {
			if (this.pending != null) {
				this.pending.cancel(false);
			}
			this.pending = this.scheduler.schedule(this::emit, this.debounceNanos, TimeUnit.NANOSECONDS);
		}
		for (EventedInterceptor parent : this.parents) {
			parent.changed();
		}
	}

	private void emit() {
		try {
			this.entryPoint.get().emit(this.type, this.target);
		}
		catch (RuntimeException ex) {
			// Runs on the scheduler thread, where nobody could handle it.
			logger.warn("Could not emit '{}' for a change of {}", this.type, this.target, ex);
		}
	}
}
