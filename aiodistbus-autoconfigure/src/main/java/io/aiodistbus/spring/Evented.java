package io.aiodistbus.spring;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;

import org.springframework.aop.framework.AopConfigException;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.util.ClassUtils;

import io.aiodistbus.EntryPoint;

/**
 * Makes an object announce its own changes on the bus, as Python aiodistbus's {@code make_evented}
 * does.
 * <pre class="code">
 * Settings settings = Evented.of(new Settings(), entryPoint, EventedOptions.defaults());
 * settings.setTheme("dark");
 * settings.getTags().add("beta");   // one "Settings.changed" event, 100 ms later, carrying the object
 * </pre>
 *
 * <h2>What counts as a change</h2>
 * The returned object is an opaque subclass proxy (Spring AOP, CGLIB) of the given one, marked with
 * {@link EventedObject}. A change is:
 * <ul>
 * <li>a call to a setter ({@code setX} with one argument) on the proxy;</li>
 * <li>a mutation of a {@code List} or {@code Map} obtained from a getter ({@code getX()}) of the
 * proxy, which returns a view that reports its changes;</li>
 * <li>a change of an evented object that was set on, or read from, the proxy: it emits its own event,
 * and the outer object emits too.</li>
 * </ul>
 * Changes the object makes to its own fields, and calls on the original object, are not seen.
 * Nested evented objects must not contain each other in a cycle.
 *
 * <h2>Debounce</h2>
 * Each change restarts a timer of {@link EventedOptions#debounce()}; when it runs out, one event
 * carrying the original (unproxied) object is emitted, so a burst of changes gives one event. The
 * emit runs on the options' scheduler (by default one shared daemon thread), where local handlers
 * therefore run.
 */
public final class Evented {

	private static final class SharedScheduler {

		// A holder, so that the thread exists only once something is evented without a scheduler.
		static final ScheduledExecutorService INSTANCE = newScheduler();

	}

	private Evented() {
	}

	/**
	 * Makes an object evented with the default options.
	 * @param <T> the object's type
	 * @param target the object; its class must not be final
	 * @param entryPoint where changes are emitted
	 * @return the evented proxy, to be used in place of {@code target}
	 */
	public static <T> T of(T target, EntryPoint entryPoint) {
		return of(target, entryPoint, EventedOptions.defaults());
	}

	/**
	 * Makes an object evented.
	 * @param <T> the object's type
	 * @param target the object; its class must not be final
	 * @param entryPoint where changes are emitted
	 * @param options type, debounce and scheduler
	 * @return the evented proxy, to be used in place of {@code target}
	 */
	public static <T> T of(T target, EntryPoint entryPoint, EventedOptions options) {
		Objects.requireNonNull(entryPoint, "entryPoint must not be null");
		return of(target, () -> entryPoint, options);
	}

	/**
	 * Makes an object evented with an entry point looked up at the first emit, for objects created
	 * before their entry point (such as beans).
	 * @param <T> the object's type
	 * @param target the object; its class must not be final
	 * @param entryPoint supplies where changes are emitted
	 * @param options type, debounce and scheduler
	 * @return the evented proxy, to be used in place of {@code target}
	 * @throws IllegalArgumentException if the object's class cannot be proxied
	 */
	@SuppressWarnings("unchecked")
	public static <T> T of(T target, Supplier<? extends EntryPoint> entryPoint, EventedOptions options) {
		Objects.requireNonNull(target, "target must not be null");
		Class<?> targetClass = ClassUtils.getUserClass(target);
		String type = options.type().isEmpty() ? targetClass.getSimpleName() + ".changed" : options.type();
		ScheduledExecutorService scheduler = (options.scheduler() != null) ? options.scheduler()
				: SharedScheduler.INSTANCE;
		ProxyFactory factory = proxyFactory(targetClass,
				new EventedInterceptor(target, type, options.debounce(), scheduler, entryPoint));
		factory.setTarget(target);
		try {
			return (T) factory.getProxy(targetClass.getClassLoader());
		}
		catch (AopConfigException ex) {
			throw new IllegalArgumentException("Cannot make a " + targetClass.getName()
					+ " evented: its class must be proxyable (not final, not a record)", ex);
		}
	}

	/**
	 * Returns the class of the proxies {@code Evented.of} makes of a class, creating it if need be:
	 * what Spring's AOT processing asks for, so that it can write the class out ahead of time.
	 * @param targetClass the class of the objects to make evented
	 * @return the proxies' class
	 */
	static Class<?> proxyClass(Class<?> targetClass) {
		// the same configuration as of(...), so that the class is the one of(...) uses (and, in a
		// native image, loads by name)
		EventedInterceptor placeholder = new EventedInterceptor(null, "", Duration.ZERO, null,
				() -> null);
		ProxyFactory factory = proxyFactory(targetClass, placeholder);
		factory.setTargetClass(targetClass);
		return factory.getProxyClass(targetClass.getClassLoader());
	}

	private static ProxyFactory proxyFactory(Class<?> targetClass, EventedInterceptor interceptor) {
		ProxyFactory factory = new ProxyFactory();
		factory.setProxyTargetClass(true);
		factory.setOpaque(true);
		factory.addInterface(EventedObject.class);
		factory.addAdvice(interceptor);
		return factory;
	}

	/**
	 * @param candidate any object
	 * @return whether it is a proxy made by {@code Evented.of}
	 */
	public static boolean isEvented(Object candidate) {
		return interceptorOf(candidate) != null;
	}

	/**
	 * Creates a scheduler fit for debouncing: one daemon thread, cancelled timers removed at once.
	 * @return the scheduler; its creator shuts it down
	 */
	public static ScheduledExecutorService newScheduler() {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = Executors.defaultThreadFactory().newThread(task);
			thread.setName("aiodistbus-evented");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

	static EventedInterceptor interceptorOf(Object candidate) {
		return (candidate instanceof EventedObject evented) ? (EventedInterceptor) evented.eventedTracker() : null;
	}
}
