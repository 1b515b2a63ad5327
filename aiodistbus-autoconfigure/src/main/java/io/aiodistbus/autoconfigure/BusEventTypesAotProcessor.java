package io.aiodistbus.autoconfigure;

import java.util.List;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.util.ClassUtils;

/**
 * At build time, finds the {@code @BusEvent} and {@code @EventedBean} classes of the application's
 * packages, as {@link BusEventTypeRegistrar} does at start-up, and lets a native image bind them to
 * and from JSON. Registered in {@code META-INF/spring/aot.factories}.
 */
class BusEventTypesAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
		if (!AutoConfigurationPackages.has(beanFactory)) {
			return null;
		}
		List<String> classNames = BusEventTypeRegistrar.scan(AutoConfigurationPackages.get(beanFactory));
		if (classNames.isEmpty()) {
			return null;
		}
		return (generationContext, code) -> {
			BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
			for (String className : classNames) {
				bindings.registerReflectionHints(generationContext.getRuntimeHints().reflection(),
						ClassUtils.resolveClassName(className, beanFactory.getBeanClassLoader()));
			}
		};
	}

}
