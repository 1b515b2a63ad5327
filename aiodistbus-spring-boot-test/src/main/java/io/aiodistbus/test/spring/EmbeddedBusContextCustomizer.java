package io.aiodistbus.test.spring;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import io.aiodistbus.test.EmbeddedBroker;
import io.aiodistbus.test.EmbeddedBus.Transport;
import io.aiodistbus.test.EmbeddedNatsServer;

/**
 * Registers an {@link EmbeddedBroker} bean (or, with {@link Transport#NATS}, an {@link EmbeddedNatsServer}),
 * started when the context starts and closed with it, and connection details pointing at it, which the
 * application prefers over its properties. A record, so that test classes with the same settings share
 * a cached context (and its broker).
 *
 * @param transport what the bus runs on
 * @param security whether the broker runs with CurveZMQ
 * @param mode the {@code aiodistbus.mode} to set, or empty for the application's own
 */
record EmbeddedBusContextCustomizer(Transport transport, boolean security, String mode) implements ContextCustomizer {

	static final String BROKER_BEAN = "aiodistbusEmbeddedBroker";

	static final String CONNECTION_DETAILS_BEAN = "aiodistbusEmbeddedBrokerConnectionDetails";

	static final String NATS_SERVER_BEAN = "aiodistbusEmbeddedNatsServer";

	static final String NATS_CONNECTION_DETAILS_BEAN = "aiodistbusEmbeddedNatsServerConnectionDetails";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		if (!this.mode.isEmpty()) {
			TestPropertyValues.of("aiodistbus.mode=" + this.mode).applyTo(context);
		}
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (!(beanFactory instanceof BeanDefinitionRegistry registry)) {
			throw new IllegalStateException("@EmbeddedBus needs a context whose bean factory takes bean definitions, not "
					+ beanFactory.getClass().getName());
		}
		if (this.transport == Transport.NATS) {
			registerNatsServer(registry, beanFactory);
		}
		else {
			registerBroker(registry, beanFactory);
		}
	}

	private void registerBroker(BeanDefinitionRegistry registry, ConfigurableListableBeanFactory beanFactory) {
		boolean security = this.security;
		RootBeanDefinition broker = new RootBeanDefinition(EmbeddedBroker.class, () -> EmbeddedBroker.start(security));
		broker.setDestroyMethodName("close");
		registry.registerBeanDefinition(BROKER_BEAN, broker);
		RootBeanDefinition details = new RootBeanDefinition(EmbeddedBrokerConnectionDetails.class,
				() -> new EmbeddedBrokerConnectionDetails(beanFactory.getBean(BROKER_BEAN, EmbeddedBroker.class)));
		// so that the application's client, which uses the details, is closed before the broker
		details.setDependsOn(BROKER_BEAN);
		// the test asked for this broker: it wins over details the application defines itself
		details.setPrimary(true);
		registry.registerBeanDefinition(CONNECTION_DETAILS_BEAN, details);
	}

	/** Kept apart from the broker's so that only a test on NATS resolves a class of aiodistbus-nats. */
	private static void registerNatsServer(BeanDefinitionRegistry registry,
			ConfigurableListableBeanFactory beanFactory) {
		RootBeanDefinition server = new RootBeanDefinition(EmbeddedNatsServer.class, EmbeddedNatsServer::start);
		server.setDestroyMethodName("close");
		registry.registerBeanDefinition(NATS_SERVER_BEAN, server);
		RootBeanDefinition details = new RootBeanDefinition(EmbeddedNatsServerConnectionDetails.class,
				() -> new EmbeddedNatsServerConnectionDetails(
						beanFactory.getBean(NATS_SERVER_BEAN, EmbeddedNatsServer.class)));
		// as the broker's: the application's entry point closes before the server, which wins over its details
		details.setDependsOn(NATS_SERVER_BEAN);
		details.setPrimary(true);
		registry.registerBeanDefinition(NATS_CONNECTION_DETAILS_BEAN, details);
	}

}
