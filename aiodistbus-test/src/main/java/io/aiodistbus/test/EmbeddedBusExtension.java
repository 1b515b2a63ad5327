package io.aiodistbus.test;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit side of {@link EmbeddedBus}: starts the broker of a plain test class and resolves
 * {@link EmbeddedBroker} parameters. In a Spring test it stands back: the broker belongs to the
 * application context there (started by {@code aiodistbus-spring-boot-test}), so that the context and
 * the broker live and are cached together, and Spring injects it.
 */
final class EmbeddedBusExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(EmbeddedBusExtension.class);

	private static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";

	@Override
	public void beforeAll(ExtensionContext context) {
		if (isSpringTest(context) || broker(context) != null) {
			return;  // a Spring context's broker, or a @Nested class's, whose enclosing class has one
		}
		EmbeddedBus settings = AnnotationSupport
			.findAnnotation(context.getRequiredTestClass(), EmbeddedBus.class)
			.orElseThrow(() -> new IllegalStateException("No @EmbeddedBus on " + context.getRequiredTestClass()));
		context.getStore(NAMESPACE).put(EmbeddedBroker.class, EmbeddedBroker.start(settings.security()));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		// only the class that started it closes it; a @Nested class finds its parent's through the store
		EmbeddedBroker broker = context.getStore(NAMESPACE).remove(EmbeddedBroker.class, EmbeddedBroker.class);
		if (broker != null) {
			broker.close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == EmbeddedBroker.class && !isSpringTest(extensionContext);
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		EmbeddedBroker broker = broker(extensionContext);
		if (broker == null) {
			throw new ParameterResolutionException("No embedded broker runs for " + extensionContext.getDisplayName());
		}
		return broker;
	}

	private static EmbeddedBroker broker(ExtensionContext context) {
		return context.getStore(NAMESPACE).get(EmbeddedBroker.class, EmbeddedBroker.class);
	}

	/** Spring's extension registered on the class, usually through {@code @SpringBootTest}. */
	private static boolean isSpringTest(ExtensionContext context) {
		List<ExtendWith> extensions = AnnotationSupport.findRepeatableAnnotations(context.getRequiredTestClass(),
				ExtendWith.class);
		return extensions.stream()
			.flatMap((extendWith) -> List.of(extendWith.value()).stream())
			.anyMatch((extension) -> extension.getName().equals(SPRING_EXTENSION));
	}

}
