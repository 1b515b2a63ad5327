package io.aiodistbus.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;

import io.aiodistbus.BusErrorHandler;
import io.aiodistbus.BusInstrumentation;
import io.aiodistbus.BusObserver;
import io.aiodistbus.EntryPoint;
import io.aiodistbus.HandlerOptions;
import io.aiodistbus.RetryingErrorHandler;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.codec.PayloadMapper;
import io.aiodistbus.spring.EventHandler;
import io.aiodistbus.spring.EventHandlerAnnotationBeanPostProcessor;
import io.aiodistbus.spring.EventedBean;
import io.aiodistbus.spring.EventedBeanPostProcessor;
import io.aiodistbus.spring.HandlerRegistry;

/**
 * Auto-configuration of the application's bus: an {@link EntryPoint} in the configured
 * {@linkplain AiodistbusProperties#getMode() mode}, observed by the application's
 * {@link io.aiodistbus.BusObserver BusObserver} beans, {@link EventHandler @EventHandler} methods on
 * it, failures of handlers handled by the application's {@link BusErrorHandler} bean or as the
 * {@code aiodistbus.error.*} properties say, {@link EventedBean @EventedBean} beans, and the application's {@code @BusEvent} classes known
 * to the codec.
 */
@AutoConfiguration
@EnableConfigurationProperties(AiodistbusProperties.class)
@Import({ LocalBusConfiguration.class, BrokerBusConfiguration.class, ClientBusConfiguration.class })
public final class AiodistbusAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PayloadCodec aiodistbusPayloadCodec(ObjectProvider<PayloadMapper> payloadMapper) {
		PayloadMapper mapper = payloadMapper.getIfAvailable();
		return (mapper != null) ? new PayloadCodec(PayloadCodec.shared().registry(), mapper) : PayloadCodec.shared();
	}

	@Bean
	@ConditionalOnMissingBean(BusErrorHandler.class)
	RetryingErrorHandler aiodistbusErrorHandler(AiodistbusProperties properties) {
		return BusErrorHandlers.fromProperties(properties.getError());
	}

	@Bean
	@ConditionalOnMissingBean
	EntryPointConfigurer aiodistbusEntryPointConfigurer(ObjectProvider<BusObserver> observers,
			ObjectProvider<BusErrorHandler> errorHandler, ObjectProvider<BusInstrumentation> instrumentation) {
		return new EntryPointConfigurer(observers, errorHandler, instrumentation);
	}

	@Bean
	@ConditionalOnMissingBean
	HandlerOptions aiodistbusHandlerOptions(AiodistbusProperties properties, Environment environment) {
		AiodistbusProperties.Handler handler = properties.getHandler();
		HandlerOptions options = HandlerOptions.defaults()
			.withConcurrency(handler.getConcurrency())
			.withQueueCapacity(handler.getQueueCapacity());
		// Boot's own switch, on Java 21 and later only: the lanes of concurrent handlers on virtual threads
		if (Threading.VIRTUAL.isActive(environment)) {
			options = options
				.withThreadFactory(new VirtualThreadTaskExecutor("aiodistbus-handler-").getVirtualThreadFactory());
		}
		return options;
	}

	@Bean
	@ConditionalOnMissingBean
	HandlerRegistry aiodistbusHandlerRegistry() {
		return new HandlerRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	static EventHandlerAnnotationBeanPostProcessor aiodistbusEventHandlerAnnotationBeanPostProcessor(
			ObjectProvider<HandlerRegistry> registry, ObjectProvider<PayloadCodec> codec,
			ObjectProvider<BusErrorHandler> errorHandler, ObjectProvider<HandlerOptions> handlerOptions) {
		return new EventHandlerAnnotationBeanPostProcessor(registry, codec, errorHandler, handlerOptions);
	}

	@Bean
	@ConditionalOnMissingBean
	static EventedBeanPostProcessor aiodistbusEventedBeanPostProcessor(ObjectProvider<EntryPoint> entryPoint) {
		return new EventedBeanPostProcessor(entryPoint);
	}

	@Bean
	@ConditionalOnMissingBean
	BusEventTypeRegistrar aiodistbusBusEventTypeRegistrar(BeanFactory beanFactory, PayloadCodec codec) {
		return new BusEventTypeRegistrar(beanFactory, codec.registry());
	}

}
