package io.aiodistbus.autoconfigure.observation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.aiodistbus.BusInstrumentation;
import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.AiodistbusAutoConfiguration;
import io.aiodistbus.spring.EventHandler;
import io.aiodistbus.spring.observation.ObservationInstrumentation;

import static org.assertj.core.api.Assertions.assertThat;

class AiodistbusObservationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class,
				AiodistbusObservationAutoConfiguration.class))
		.withUserConfiguration(RecordingRegistryConfiguration.class);

	@Test
	void runWhenEnabledShouldObserveEmitsAndHandlerCalls() {
		this.runner.withPropertyValues("aiodistbus.observation-enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(ObservationInstrumentation.class);
			List<String> observed = context.getBean(RecordingRegistryConfiguration.class).observed;
			context.getBean(EntryPoint.class).emit("order.created", "o-1");
			assertThat(observed).containsExactly("aiodistbus.handle:order.created process",
					"aiodistbus.emit:order.created send");
		});
	}

	@Test
	void runWhenNotEnabledShouldNotObserve() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(BusInstrumentation.class);
			context.getBean(EntryPoint.class).emit("order.created", "o-1");
			assertThat(context.getBean(RecordingRegistryConfiguration.class).observed).isEmpty();
		});
	}

	@Test
	void runWithoutMicrometerObservationShouldNotObserve() {
		this.runner.withPropertyValues("aiodistbus.observation-enabled=true")
			.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(BusInstrumentation.class));
	}

	@Test
	void runWithUserInstrumentationShouldUseIt() {
		BusInstrumentation own = new ObservationInstrumentation(ObservationRegistry.NOOP);
		this.runner.withPropertyValues("aiodistbus.observation-enabled=true")
			.withBean(BusInstrumentation.class, () -> own)
			.run((context) -> assertThat(context).getBean(BusInstrumentation.class).isSameAs(own));
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingRegistryConfiguration {

		final List<String> observed = new CopyOnWriteArrayList<>();

		@Bean
		ObservationRegistry observationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {

				@Override
				public void onStop(Observation.Context context) {
					RecordingRegistryConfiguration.this.observed.add(context.getName() + ":" + context.getContextualName());
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

			});
			return registry;
		}

		@Bean
		Orders orders() {
			return new Orders();
		}
	}

	static class Orders {

		@EventHandler("order.created")
		void onOrder(String order) {
		}
	}
}
