package io.aiodistbus.spring;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanExpressionResolver;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.function.SingletonSupplier;

import io.aiodistbus.BusErrorHandler;
import io.aiodistbus.HandlerOptions;
import io.aiodistbus.codec.PayloadCodec;

/**
 * Finds {@link EventHandler @EventHandler} methods on beans, checks them as each bean is
 * initialized (so a bad signature fails start-up naming the bean), and registers them in the
 * {@link HandlerRegistry} once every singleton exists; beans created later register at once. The
 * type and namespace may hold {@code ${...}} placeholders and {@code #{...}} expressions, resolved as
 * {@code @KafkaListener} resolves its topics.
 * Registry and codec are looked up only then, so that this early post-processor does not pull them
 * in before the other post-processors are ready.
 * <p>
 * It sits next to {@link EventHandler @EventHandler}, as Spring Kafka's post-processor sits next to
 * {@code @KafkaListener}; the auto-configuration registers one, and a context without it can declare
 * one as a {@code static @Bean}.
 */
public final class EventHandlerAnnotationBeanPostProcessor
		implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware, Ordered {

	private final ObjectProvider<HandlerRegistry> registry;

	/** The codec bean, resolved on first use: it may not exist yet when handlers are found. */
	private final SingletonSupplier<PayloadCodec> codec;

	private final ObjectProvider<BusErrorHandler> errorHandler;

	private final ObjectProvider<HandlerOptions> handlerOptions;

	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

	private final List<AnnotatedHandler> pending = new ArrayList<>();

	private boolean singletonsInstantiated;

	private ConfigurableBeanFactory beanFactory;

	private BeanExpressionContext expressionContext;

	/**
	 * @param registry the registry the handlers go to, looked up once every singleton exists
	 * @param codec the codec that converts payloads to the handlers' parameters, looked up at the first
	 * event; the {@linkplain PayloadCodec#shared() shared} one when there is none
	 */
	public EventHandlerAnnotationBeanPostProcessor(ObjectProvider<HandlerRegistry> registry,
			ObjectProvider<PayloadCodec> codec) {
		this(registry, codec, null, null);
	}

	/**
	 * @param registry the registry the handlers go to, looked up once every singleton exists
	 * @param codec the codec that converts payloads to the handlers' parameters, looked up at the first
	 * event; the {@linkplain PayloadCodec#shared() shared} one when there is none
	 * @param errorHandler the application's error handler, looked up as the handlers are registered,
	 * which the {@link EventHandler#retry() retry} and {@link EventHandler#deadLetter() deadLetter}
	 * attributes of a method change for that method; {@code null} for none
	 * @param handlerOptions the defaults of every method (its concurrency), looked up as the handlers
	 * are registered, which a method's attributes change; {@code null} for
	 * {@link HandlerOptions#defaults()}
	 */
	public EventHandlerAnnotationBeanPostProcessor(ObjectProvider<HandlerRegistry> registry,
			ObjectProvider<PayloadCodec> codec, ObjectProvider<BusErrorHandler> errorHandler,
			ObjectProvider<HandlerOptions> handlerOptions) {
		this.registry = registry;
		this.codec = SingletonSupplier.of(() -> codec.getIfAvailable(PayloadCodec::shared));
		this.errorHandler = errorHandler;
		this.handlerOptions = handlerOptions;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableBeanFactory configurable) {
			this.beanFactory = configurable;
			this.expressionContext = new BeanExpressionContext(configurable, null);
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.nonAnnotatedClasses.contains(targetClass)) {
			return bean;
		}
		Map<Method, EventHandler> methods = AnnotationUtils.isCandidateClass(targetClass, EventHandler.class)
				? MethodIntrospector.selectMethods(targetClass, (MethodIntrospector.MetadataLookup<EventHandler>) (
						method) -> AnnotatedElementUtils.findMergedAnnotation(method, EventHandler.class))
				: Map.of();
		if (methods.isEmpty()) {
			this.nonAnnotatedClasses.add(targetClass);
			return bean;
		}
		List<AnnotatedHandler> found = new ArrayList<>();
		methods.forEach((method, annotation) -> found
			.add(AnnotatedHandler.of(bean, beanName, method, annotation, this::resolve, this.codec)));
		synchronized (this) {
			if (this.singletonsInstantiated) {
				found.forEach(this::register);
			}
			else {
				this.pending.addAll(found);
			}
		}
		return bean;
	}

	@Override
	public synchronized void afterSingletonsInstantiated() {
		this.singletonsInstantiated = true;
		this.pending.forEach(this::register);
		this.pending.clear();
	}

	// After the proxy creators, so that the bean seen here is the proxy the context holds.
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Resolves placeholders, then expressions, in an attribute of the annotation.
	 * @param value the attribute as written
	 * @return its value
	 */
	private String resolve(String value) {
		if (this.beanFactory == null || value.isEmpty()) {
			return value;
		}
		String resolved = this.beanFactory.resolveEmbeddedValue(value);
		BeanExpressionResolver expressions = this.beanFactory.getBeanExpressionResolver();
		Object evaluated = (expressions != null && resolved != null)
				? expressions.evaluate(resolved, this.expressionContext) : resolved;
		return (evaluated != null) ? evaluated.toString() : "";
	}

	private void register(AnnotatedHandler handler) {
		BusErrorHandler application = (this.errorHandler != null) ? this.errorHandler.getIfUnique() : null;
		HandlerOptions defaults = (this.handlerOptions != null)
				? this.handlerOptions.getIfUnique(HandlerOptions::defaults) : HandlerOptions.defaults();
		this.registry.getObject()
			.register(handler.namespace(), handler.type(), handler.invoker(), handler.description(),
					handler.options(defaults, application), handler.replies());
	}
}
