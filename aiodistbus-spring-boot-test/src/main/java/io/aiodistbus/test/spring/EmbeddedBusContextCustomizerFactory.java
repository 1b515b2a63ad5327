package io.aiodistbus.test.spring;

import java.util.List;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import io.aiodistbus.test.EmbeddedBus;

/**
 * Gives a test class with {@link EmbeddedBus @EmbeddedBus} its broker, as Boot's service connections
 * and Spring Kafka's {@code @EmbeddedKafka} do; registered in {@code META-INF/spring.factories}.
 */
class EmbeddedBusContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		// a @Nested class takes the settings of the class it is in
		MergedAnnotation<EmbeddedBus> annotation = MergedAnnotations
			.search(SearchStrategy.TYPE_HIERARCHY)
			.withEnclosingClasses((type) -> true)
			.from(testClass)
			.get(EmbeddedBus.class);
		if (!annotation.isPresent()) {
			return null;
		}
		return new EmbeddedBusContextCustomizer(annotation.getBoolean("security"), annotation.getString("mode"));
	}

}
