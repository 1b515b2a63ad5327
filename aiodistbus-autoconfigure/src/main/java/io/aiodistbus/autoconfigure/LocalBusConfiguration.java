package io.aiodistbus.autoconfigure;

import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;
import io.aiodistbus.spring.HandlerRegistry;

/**
 * 'local' mode: an in-process {@link EventBus} and the application's entry point on it. The entry
 * point is connected as soon as it exists, so beans may emit while the context starts; its
 * {@code @EventHandler} methods are put on it when the context has started. It delivers and emits
 * until its bean is destroyed, after the web server drained its requests.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBusMode(AiodistbusProperties.Mode.LOCAL)
class LocalBusConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	EventBus aiodistbusEventBus() {
		return new EventBus();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(EntryPoint.class)
	LocalEntryPoint aiodistbusEntryPoint(EventBus eventBus, PayloadCodec codec, EntryPointConfigurer configurer) {
		LocalEntryPoint entryPoint = configurer.configure(new LocalEntryPoint(codec));
		entryPoint.connect(eventBus);
		return entryPoint;
	}

	@Bean
	@ConditionalOnMissingBean
	EntryPointLifecycle aiodistbusEntryPointLifecycle(EntryPoint entryPoint, HandlerRegistry registry,
			AiodistbusProperties properties) {
		// Connected already; and a local entry point does not pause on stop (see EntryPointLifecycle).
		Runnable connected = () -> {
		};
		return new EntryPointLifecycle(entryPoint, registry, properties.getNamespaces(), properties.isAutoStartup(),
				connected, Duration.ZERO, "aiodistbus in 'local' mode: an in-process event bus, no broker");
	}

}
