package io.aiodistbus.spring;

import java.lang.reflect.Method;
import java.util.Map;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

import io.aiodistbus.event.Event;

/**
 * At build time, for each bean with {@link EventHandler @EventHandler} methods or an
 * {@link EventedBean @EventedBean} class: lets a native image invoke the methods reflectively, as
 * the post-processor does, and bind their payload classes (and the evented bean itself, which is its
 * own payload) to and from JSON. Registered in {@code META-INF/spring/aot.factories}.
 */
class EventHandlerBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Class<?> beanClass = registeredBean.getBeanClass();
		Map<Method, EventHandler> handlers = MethodIntrospector.selectMethods(beanClass,
				(MethodIntrospector.MetadataLookup<EventHandler>) (
						method) -> AnnotatedElementUtils.findMergedAnnotation(method, EventHandler.class));
		boolean evented = AnnotatedElementUtils.hasAnnotation(beanClass, EventedBean.class);
		if (handlers.isEmpty() && !evented) {
			return null;
		}
		return (generationContext, code) -> {
			ReflectionHints reflection = generationContext.getRuntimeHints().reflection();
			for (Method method : handlers.keySet()) {
				reflection.registerMethod(method, ExecutableMode.INVOKE);
				for (Class<?> parameter : method.getParameterTypes()) {
					if (parameter != Event.class) {
						this.bindings.registerReflectionHints(reflection, parameter);
					}
				}
			}
			if (evented) {
				this.bindings.registerReflectionHints(reflection, beanClass);
			}
		};
	}

}
