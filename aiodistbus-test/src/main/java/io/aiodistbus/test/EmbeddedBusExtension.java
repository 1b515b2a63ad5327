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
 * The JUnit side of {@link EmbeddedBus}: starts the broker (or NATS server) of a plain test class and
 * resolves {@link EmbeddedBroker} and {@link EmbeddedNatsServer} parameters. In a Spring test it stands
 * back: the broker belongs to the application context there (started by
 * {@code aiodistbus-spring-boot-test}), so that the context and the broker live and are cached together,
 * and Spring injects it.
 */
final class EmbeddedBusExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(EmbeddedBusExtension.class);

	/** The one key of the store: the started {@link EmbeddedBroker} or {@link EmbeddedNatsServer}. */
	private static final String SERVER = "server";

	private static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";

	@Override
	public void beforeAll(ExtensionContext context) {
		if (isSpringTest(context) || server(context) != null) {
			return;  // a Spring context's broker, or a @Nested class's, whose enclosing class has one
		}
		EmbeddedBus settings = AnnotationSupport
			.findAnnotation(context.getRequiredTestClass(), EmbeddedBus.class)
			.orElseThrow(() -> new IllegalStateException("No @EmbeddedBus on " + context.getRequiredTestClass()));
		context.getStore(NAMESPACE).put(SERVER, start(settings));
	}

	private static AutoCloseable start(EmbeddedBus settings) {
		if (settings.transport() == EmbeddedBus.Transport.ZEROMQ) {
			return EmbeddedBroker.start(settings.security());
		}
		settings.transport().checkSupported(settings.security(), EmbeddedBusExtension.class.getClassLoader());
		return EmbeddedNatsServer.start();
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		// only the class that started it closes it; a @Nested class finds its parent's through the store
		AutoCloseable server = context.getStore(NAMESPACE).remove(SERVER, AutoCloseable.class);
		if (server != null) {
			server.close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return (type == EmbeddedBroker.class || type == EmbeddedNatsServer.class) && !isSpringTest(extensionContext);
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		AutoCloseable server = server(extensionContext);
		if (!type.isInstance(server)) {
			throw new ParameterResolutionException("No " + type.getSimpleName() + " runs for "
					+ extensionContext.getDisplayName() + ": @EmbeddedBus(transport = "
					+ ((type == EmbeddedBroker.class) ? "ZEROMQ" : "NATS") + ") starts one");
		}
		return server;
	}

	private static AutoCloseable server(ExtensionContext context) {
		return context.getStore(NAMESPACE).get(SERVER, AutoCloseable.class);
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
