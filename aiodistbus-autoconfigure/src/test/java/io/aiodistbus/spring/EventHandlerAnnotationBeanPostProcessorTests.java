package io.aiodistbus.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The post-processor on its own, without the auto-configuration: declared as a {@code static @Bean}
 * as a context that does not use Spring Boot's auto-configuration would declare it.
 */
class EventHandlerAnnotationBeanPostProcessorTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PostProcessorConfiguration.class);

	@Test
	void eventHandlerMethodsShouldLandInTheRegistryAndHandleEvents() {
		this.runner.run((context) -> {
			HandlerRegistry registry = context.getBean(HandlerRegistry.class);
			assertThat(registry.handlers(HandlerRegistry.DEFAULT_NAMESPACE)).containsExactly("greeter.onGreeting(String)");
			try (EventBus bus = new EventBus()) {
				LocalEntryPoint entryPoint = bus.entryPoint();
				registry.use(entryPoint, HandlerRegistry.DEFAULT_NAMESPACE);
				entryPoint.emit("greeting", "hello");
				assertThat(context.getBean(Greeter.class).greetings).containsExactly("hello");
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class PostProcessorConfiguration {

		@Bean
		static EventHandlerAnnotationBeanPostProcessor eventHandlerAnnotationBeanPostProcessor(
				ObjectProvider<HandlerRegistry> registry, ObjectProvider<PayloadCodec> codec) {
			return new EventHandlerAnnotationBeanPostProcessor(registry, codec);
		}

		@Bean
		HandlerRegistry handlerRegistry() {
			return new HandlerRegistry();
		}

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

	}

	static class Greeter {

		final List<String> greetings = new CopyOnWriteArrayList<>();

		@EventHandler("greeting")
		public void onGreeting(String greeting) {
			this.greetings.add(greeting);
		}

	}

}
