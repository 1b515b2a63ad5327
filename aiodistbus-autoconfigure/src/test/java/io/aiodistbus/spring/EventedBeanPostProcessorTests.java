package io.aiodistbus.spring;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.local.EventBus;
import io.aiodistbus.test.EventRecorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The post-processor on its own, without the auto-configuration: declared as a {@code static @Bean}
 * as a context that does not use Spring Boot's auto-configuration would declare it.
 */
class EventedBeanPostProcessorTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PostProcessorConfiguration.class);

	@Test
	void eventedBeanShouldBeProxiedAndEmitOnTheEntryPoint() {
		this.runner.run((context) -> {
			Theme theme = context.getBean(Theme.class);
			assertThat(Evented.isEvented(theme)).isTrue();
			try (EventRecorder recorder = EventRecorder.on(context.getBean(EntryPoint.class), "theme.changed")) {
				theme.setName("dark");

				await().until(() -> recorder.count("theme.changed") == 1);
				assertThat(recorder.payloads("theme.changed", Theme.class)).singleElement()
					.extracting(Theme::getName)
					.isEqualTo("dark");
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class PostProcessorConfiguration {

		@Bean
		static EventedBeanPostProcessor eventedBeanPostProcessor(ObjectProvider<EntryPoint> entryPoint) {
			return new EventedBeanPostProcessor(entryPoint);
		}

		@Bean(destroyMethod = "close")
		EventBus eventBus() {
			return new EventBus();
		}

		@Bean
		EntryPoint entryPoint(EventBus eventBus) {
			return eventBus.entryPoint();
		}

		@Bean
		Theme theme() {
			return new Theme();
		}

	}

	@EventedBean(type = "theme.changed", debounce = "10ms")
	public static class Theme {

		private String name;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

	}

}
