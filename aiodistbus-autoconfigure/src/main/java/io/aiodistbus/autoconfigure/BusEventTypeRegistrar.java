package io.aiodistbus.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import io.aiodistbus.codec.DtypeRegistry;
import io.aiodistbus.event.BusEvent;
import io.aiodistbus.spring.EventedBean;

/**
 * Registers the {@link BusEvent @BusEvent} and {@link EventedBean @EventedBean} classes of the
 * application's packages in the codec's {@link DtypeRegistry} at start-up, so that a payload arriving
 * under such a dtype decodes to its class even for a handler that asks for no class (a wildcard
 * handler of {@code Event}s), and even in an application that never emitted the class itself. Runs
 * while singletons are created, before any entry point connects.
 */
final class BusEventTypeRegistrar implements InitializingBean {

	private final BeanFactory beanFactory;

	private final DtypeRegistry registry;

	BusEventTypeRegistrar(BeanFactory beanFactory, DtypeRegistry registry) {
		this.beanFactory = beanFactory;
		this.registry = registry;
	}

	@Override
	public void afterPropertiesSet() throws ClassNotFoundException {
		if (!AutoConfigurationPackages.has(this.beanFactory)) {
			return;
		}
		ClassLoader classLoader = ClassUtils.getDefaultClassLoader();
		for (String className : scan(AutoConfigurationPackages.get(this.beanFactory))) {
			this.registry.register(ClassUtils.forName(className, classLoader));
		}
	}

	/**
	 * @param packages the application's packages
	 * @return the names of their {@code @BusEvent} and {@code @EventedBean} classes
	 */
	static List<String> scan(List<String> packages) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(BusEvent.class));
		scanner.addIncludeFilter(new AnnotationTypeFilter(EventedBean.class));
		return packages.stream()
			.flatMap((basePackage) -> scanner.findCandidateComponents(basePackage).stream())
			.map(BeanDefinition::getBeanClassName)
			.distinct()
			.toList();
	}
}
