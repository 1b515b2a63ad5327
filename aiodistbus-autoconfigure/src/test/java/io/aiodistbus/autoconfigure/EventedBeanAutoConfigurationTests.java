package io.aiodistbus.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.spring.Evented;
import io.aiodistbus.spring.EventedBean;
import io.aiodistbus.test.EventRecorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventedBeanAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class))
		.withUserConfiguration(RecorderConfiguration.class);

	@Test
	void eventedBeanShouldEmitOneDebouncedEventForQuickChanges() {
		this.runner.withBean(Profile.class).run((context) -> {
			Profile profile = context.getBean(Profile.class);
			assertThat(Evented.isEvented(profile)).isTrue();
			profile.setName("ann");
			profile.setName("bob");
			profile.setName("cid");
			EventRecorder recorder = context.getBean(EventRecorder.class);
			await().until(() -> recorder.count("profile.changed") >= 1);
			await().during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(2))
				.until(() -> recorder.count("profile.changed") == 1);
			assertThat(recorder.payloads("profile.changed", Profile.class)).singleElement()
				.extracting(Profile::getName)
				.isEqualTo("cid");
		});
	}

	@Test
	void eventedBeanWithBadDebounceShouldFailStartup() {
		this.runner.withBean("badDebounce", BadDebounce.class)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid @EventedBean on bean 'badDebounce'"));
	}

	@Configuration(proxyBeanMethods = false)
	static class RecorderConfiguration {

		@Bean
		EventRecorder eventRecorder(EntryPoint entryPoint) {
			return EventRecorder.on(entryPoint, "*");
		}

	}

	@EventedBean(type = "profile.changed", debounce = "50ms")
	public static class Profile {

		private String name;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

	}

	@EventedBean(debounce = "soon")
	public static class BadDebounce {

	}

}
