package io.aiodistbus.autoconfigure.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.AiodistbusAutoConfiguration;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.spring.health.BrokerHealthIndicator;
import io.aiodistbus.spring.health.ClientHealthIndicator;
import io.aiodistbus.spring.health.EntryPointHealthIndicator;

/**
 * Auto-configuration of the {@code aiodistbus} health indicator: the embedded broker's health in
 * 'broker' mode, the connection's in 'client' mode, the entry point's in 'local' mode. Needs Spring
 * Boot's health module (Actuator); honours {@code management.health.aiodistbus.enabled}.
 */
@AutoConfiguration(after = AiodistbusAutoConfiguration.class,
		afterName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(EntryPoint.class)
@ConditionalOnEnabledHealthIndicator("aiodistbus")
public final class AiodistbusHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "aiodistbusHealthIndicator")
	HealthIndicator aiodistbusHealthIndicator(EntryPoint entryPoint, ObjectProvider<DEventBus> broker) {
		DEventBus embedded = broker.getIfUnique();
		if (embedded != null) {
			return new BrokerHealthIndicator(embedded);
		}
		if (entryPoint instanceof DEntryPoint client) {
			return new ClientHealthIndicator(client);
		}
		return new EntryPointHealthIndicator(entryPoint);
	}

}
