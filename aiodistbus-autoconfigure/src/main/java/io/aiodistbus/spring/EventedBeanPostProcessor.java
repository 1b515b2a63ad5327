package io.aiodistbus.spring;

import java.util.concurrent.ScheduledExecutorService;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;

import io.aiodistbus.EntryPoint;

/**
 * Replaces each {@link EventedBean @EventedBean} bean by its {@link Evented} proxy, emitting on the
 * application's entry point (looked up at the first change, as it may not exist yet). The debounced
 * emits of all such beans share one daemon thread, stopped with the context.
 * <p>
 * It sits next to {@link EventedBean @EventedBean}, as the
 * {@link EventHandlerAnnotationBeanPostProcessor} sits next to {@link EventHandler @EventHandler}; the
 * auto-configuration registers one, and a context without it can declare one as a {@code static @Bean}.
 */
public final class EventedBeanPostProcessor implements SmartInstantiationAwareBeanPostProcessor, DisposableBean, Ordered {

	private final ObjectProvider<EntryPoint> entryPoint;

	private volatile ScheduledExecutorService scheduler;

	/**
	 * @param entryPoint the entry point the proxies emit on, looked up at a bean's first change
	 */
	public EventedBeanPostProcessor(ObjectProvider<EntryPoint> entryPoint) {
		this.entryPoint = entryPoint;
	}

	/**
	 * The proxy's class for {@link EventedBean @EventedBean} classes: Spring's AOT processing asks for
	 * the final type of each bean, and so writes the proxy class out ahead of time, for a native image
	 * that cannot make classes at run time.
	 */
	@Override
	public Class<?> determineBeanType(Class<?> beanClass, String beanName) {
		if (AnnotatedElementUtils.findMergedAnnotation(beanClass, EventedBean.class) == null) {
			return beanClass;
		}
		try {
			return Evented.proxyClass(beanClass);
		}
		catch (RuntimeException ex) {
			return beanClass;  // not proxyable: initialization reports it with the bean's name
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		EventedBean annotation = AnnotatedElementUtils.findMergedAnnotation(AopUtils.getTargetClass(bean),
				EventedBean.class);
		if (annotation == null) {
			return bean;
		}
		EventedOptions options;
		try {
			options = EventedOptions.defaults()
				.withType(annotation.type())
				.withDebounce(DurationStyle.detectAndParse(annotation.debounce()))
				.withScheduler(scheduler());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					"Invalid @EventedBean on bean '" + beanName + "': debounce '" + annotation.debounce() + "'", ex);
		}
		return Evented.of(bean, this.entryPoint::getObject, options);
	}

	private ScheduledExecutorService scheduler() {
		ScheduledExecutorService result = this.scheduler;
		if (result == null) {
			synchronized (this) {
				result = this.scheduler;
				if (result == null) {
					result = Evented.newScheduler();
					this.scheduler = result;
				}
			}
		}
		return result;
	}

	@Override
	public void destroy() {
		ScheduledExecutorService current = this.scheduler;
		if (current != null) {
			current.shutdownNow();
		}
	}

	// After the proxy creators, so that the bean seen here is the proxy the context holds.
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}
}
