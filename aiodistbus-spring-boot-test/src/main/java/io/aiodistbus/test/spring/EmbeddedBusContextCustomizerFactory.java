package io.aiodistbus.test.spring;

import java.util.List;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import io.aiodistbus.test.EmbeddedBus;
import io.aiodistbus.test.EmbeddedBus.Transport;

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
		Transport transport = annotation.getEnum("transport", Transport.class);
		boolean security = annotation.getBoolean("security");
		transport.checkSupported(security, testClass.getClassLoader());
		return new EmbeddedBusContextCustomizer(transport, security, mode(transport, annotation.getString("mode")));
	}

	/** The default mode, {@code client}, is the ZeroMQ broker's: an application on NATS runs in 'nats'. */
	private static String mode(Transport transport, String mode) {
		return (transport == Transport.NATS && mode.equals("client")) ? "nats" : mode;
	}

}
