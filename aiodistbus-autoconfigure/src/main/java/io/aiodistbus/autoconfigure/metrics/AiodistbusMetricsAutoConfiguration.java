package io.aiodistbus.autoconfigure.metrics;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.AiodistbusAutoConfiguration;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.spring.metrics.AiodistbusMetrics;

/**
 * Auto-configuration of the bus's Micrometer meters, bound to the application's meter registry when
 * there is one.
 */
@AutoConfiguration(after = AiodistbusAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(EntryPoint.class)
public final class AiodistbusMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AiodistbusMetrics aiodistbusMetrics(EntryPoint entryPoint, ObjectProvider<DEventBus> broker) {
		return new AiodistbusMetrics(entryPoint, broker.getIfUnique());
	}

}
