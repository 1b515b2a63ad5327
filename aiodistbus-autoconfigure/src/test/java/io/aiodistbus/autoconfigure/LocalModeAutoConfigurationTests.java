package io.aiodistbus.autoconfigure;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.test.util.AopTestUtils;

import io.aiodistbus.BusObserver;
import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.scan.ScanConfiguration;
import io.aiodistbus.autoconfigure.scan.Scanned;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.Event;
import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;
import io.aiodistbus.spring.EventHandler;
import io.aiodistbus.spring.HandlerRegistry;
import io.aiodistbus.test.EventRecorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LocalModeAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class));

	@Test
	void runShouldCreateConnectedLocalEntryPointOnEventBus() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(EventBus.class).hasSingleBean(EntryPoint.class);
			assertThat(context.getBean(EntryPoint.class)).isInstanceOfSatisfying(LocalEntryPoint.class,
					(entryPoint) -> assertThat(entryPoint.isConnected()).isTrue());
		});
	}

	@Test
	void userObserverBeansShouldObserveTheEntryPointInTheirOrder() {
		this.runner.withUserConfiguration(OrderedObserversConfiguration.class).run((context) -> {
			EntryPoint entryPoint = context.getBean(EntryPoint.class);
			context.getBean("observer", RecordingObserver.class).hearsEmitsAndHandlersOf(entryPoint);
			List<String> order = context.getBean(OrderedObserversConfiguration.class).order;
			order.clear();
			entryPoint.emit("observed.order");
			assertThat(order).containsExactly("first", "second");
		});
	}

	@Test
	void runWithUserEntryPointShouldBackOff() {
		this.runner.withUserConfiguration(UserEntryPointConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(EntryPoint.class);
			assertThat(context).getBean(EntryPoint.class).isSameAs(context.getBean("userEntryPoint"));
		});
	}

	@Test
	void runWithUserEventBusShouldConnectEntryPointToIt() {
		this.runner.withUserConfiguration(UserEventBusConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(EventBus.class);
			EventBus userBus = context.getBean(EventBus.class);
			LocalEntryPoint other = userBus.entryPoint();
			List<Event> seen = new CopyOnWriteArrayList<>();
			other.on("x", seen::add);
			context.getBean(EntryPoint.class).emit("x", "hi");
			assertThat(seen).hasSize(1);
		});
	}

	@Test
	void closingContextShouldCloseEntryPointAndBus() {
		this.runner.run((context) -> {
			EntryPoint entryPoint = context.getBean(EntryPoint.class);
			EventBus bus = context.getBean(EventBus.class);
			context.close();
			assertThat(entryPoint.isClosed()).isTrue();
			assertThat(bus.isClosed()).isTrue();
		});
	}

	@Test
	void eventHandlersShouldReceiveEachShape() {
		this.runner.withBean(Handlers.class).run((context) -> {
			Handlers handlers = context.getBean(Handlers.class);
			EntryPoint entryPoint = context.getBean(EntryPoint.class);
			entryPoint.emit(new ChatMessage("ann", "hi"));
			entryPoint.emit("ping");
			entryPoint.emit("async", "later");
			assertThat(handlers.payloads).containsExactly(new ChatMessage("ann", "hi"));
			assertThat(handlers.events).extracting(Event::type).containsExactly("chat.message");
			// emit waits for the stage of the asynchronous handler
			assertThat(handlers.calls).containsExactlyInAnyOrder("inferred", "ping", "async later");
		});
	}

	@Test
	void eventHandlerShouldWorkAsMetaAnnotation() {
		this.runner.withBean(MetaAnnotated.class).run((context) -> {
			context.getBean(EntryPoint.class).emit("chat.message", new ChatMessage("ann", "hi"));
			assertThat(context.getBean(MetaAnnotated.class).messages).containsExactly(new ChatMessage("ann", "hi"));
		});
	}

	@Test
	void eventHandlersShouldGoOnlyToConfiguredNamespaces() {
		this.runner.withBean(Handlers.class)
			.withPropertyValues("aiodistbus.namespaces=default,admin")
			.run((context) -> {
				context.getBean(EntryPoint.class).emit(new ChatMessage("ann", "hi"));
				assertThat(context.getBean(Handlers.class).calls).contains("admin");
			});
		this.runner.withBean(Handlers.class).run((context) -> {
			context.getBean(EntryPoint.class).emit(new ChatMessage("ann", "hi"));
			assertThat(context.getBean(Handlers.class).calls).doesNotContain("admin");
		});
	}

	@Test
	void registryShouldPutANamespaceOnAnotherEntryPoint() {
		this.runner.withBean(Handlers.class).run((context) -> {
			HandlerRegistry registry = context.getBean(HandlerRegistry.class);
			assertThat(registry.handlers("admin")).containsExactly("handlers.onAdmin(ChatMessage)");
			try (EventBus otherBus = new EventBus()) {
				LocalEntryPoint other = otherBus.entryPoint();
				registry.use(other, "admin");
				other.emit(new ChatMessage("bob", "yo"));
				assertThat(context.getBean(Handlers.class).calls).containsExactly("admin");
			}
		});
	}

	@Test
	void eventHandlerOnProxiedBeanShouldBeInvokedThroughProxy() {
		this.runner.withUserConfiguration(ProxyingConfiguration.class).withBean(Handlers.class).run((context) -> {
			Handlers handlers = context.getBean(Handlers.class);
			assertThat(AopUtils.isCglibProxy(handlers)).isTrue();
			context.getBean(EntryPoint.class).emit("ping");
			assertThat(AopTestUtils.<Handlers>getTargetObject(handlers).calls).containsExactly("ping");
			assertThat(context.getBean(ProxyingConfiguration.class).intercepted).contains("onNothing");
		});
	}

	@Test
	void eventHandlerShouldResolvePlaceholdersInTypeAndNamespace() {
		this.runner.withBean("placeholderHandler", PlaceholderHandler.class)
			.withPropertyValues("demo.topic=demo.created", "demo.namespace=admin", "aiodistbus.namespaces=admin")
			.run((context) -> {
				assertThat(context.getBean(HandlerRegistry.class).handlers("admin"))
					.containsExactly("placeholderHandler.on(String)");
				context.getBean(EntryPoint.class).emit("demo.created", "hi");
				assertThat(context.getBean(PlaceholderHandler.class).payloads).containsExactly("hi");
			});
	}

	@Test
	void eventHandlerShouldEvaluateExpressionsInTypeAndNamespace() {
		this.runner.withBean("expressionHandler", ExpressionHandler.class)
			.withPropertyValues("demo.prefix=demo")
			.run((context) -> {
				assertThat(context.getBean(HandlerRegistry.class).handlers("default"))
					.containsExactly("expressionHandler.on(String)");
				context.getBean(EntryPoint.class).emit("demo.evaluated", "hi");
				assertThat(context.getBean(ExpressionHandler.class).payloads).containsExactly("hi");
			});
	}

	@Test
	void eventHandlerWithUnresolvablePlaceholderShouldFailStartup() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class, AiodistbusAutoConfiguration.class))
			.withBean("placeholderHandler", PlaceholderHandler.class)
			.withPropertyValues("demo.namespace=default")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid @EventHandler method placeholderHandler.on(String): its type "
						+ "'${demo.topic}' does not resolve")
				.rootCause()
				.hasMessageContaining("demo.topic"));
	}

	@Test
	void eventHandlerWithTwoParametersShouldFailStartup() {
		this.runner.withBean("twoParameters", TwoParameters.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("twoParameters.on()")
				.hasMessageContaining("takes 2 parameters"));
	}

	@Test
	void eventHandlerWithoutTypeShouldFailStartup() {
		this.runner.withBean("noType", NoType.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("noType.on(String)")
				.hasMessageContaining("names no event type"));
	}

	@Test
	void eventHandlerWithMalformedPatternShouldFailStartup() {
		this.runner.withBean("badPattern", BadPattern.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("badPattern.on()")
				.hasMessageContaining("a..b"));
	}

	@Test
	void privateEventHandlerOnProxiedBeanShouldFailStartup() {
		this.runner.withUserConfiguration(ProxyingConfiguration.class)
			.withBean("privateHandler", PrivateHandler.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("privateHandler.on()"));
	}

	@Test
	void negativePortShouldFailStartupNamingProperty() {
		this.runner.withPropertyValues("aiodistbus.broker.port=-1")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("aiodistbus.broker.port")
				.rootCause()
				.hasMessage("aiodistbus.broker.port must be between 0 and 65533 (three ports are bound), was -1"));
	}

	@Test
	void unknownModeShouldFailStartupNamingProperty() {
		this.runner.withPropertyValues("aiodistbus.mode=cluster")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'aiodistbus.mode'"));
	}

	@Test
	void zeroConnectTimeoutShouldFailStartupNamingProperty() {
		this.runner.withPropertyValues("aiodistbus.client.connect-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("aiodistbus.client.connect-timeout"));
	}

	@Test
	void busEventClassesOfApplicationPackagesShouldBeRegistered() {
		this.runner.withUserConfiguration(ScanConfiguration.class).run((context) -> {
			PayloadCodec codec = context.getBean(PayloadCodec.class);
			assertThat(codec.registry().classFor("scan_tests.Scanned")).isEqualTo(Scanned.class);
		});
	}

	@Test
	void eventRecorderShouldSeeEventsOfTheApplicationEntryPoint() {
		this.runner.withUserConfiguration(RecorderConfiguration.class).run((context) -> {
			EntryPoint entryPoint = context.getBean(EntryPoint.class);
			entryPoint.emitAsync("chat.message", new ChatMessage("ann", "hi"));
			EventRecorder recorder = context.getBean(EventRecorder.class);
			await().untilAsserted(() -> assertThat(recorder.payloads("chat.*", ChatMessage.class))
				.containsExactly(new ChatMessage("ann", "hi")));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEntryPointConfiguration {

		@Bean
		EntryPoint userEntryPoint() {
			EventBus bus = new EventBus();
			return bus.entryPoint();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEventBusConfiguration {

		@Bean
		EventBus userEventBus() {
			return new EventBus();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecorderConfiguration {

		@Bean
		EventRecorder eventRecorder(EntryPoint entryPoint) {
			return EventRecorder.on(entryPoint, "chat.*");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProxyingConfiguration {

		final List<String> intercepted = new CopyOnWriteArrayList<>();

		@Bean
		static ProxyingPostProcessor handlersProxyCreator(ProxyingConfiguration configuration) {
			return new ProxyingPostProcessor(configuration.intercepted);
		}

	}

	/** Proxies the test's handler beans as an auto-proxy creator would (for an aspect, a transaction). */
	static class ProxyingPostProcessor implements BeanPostProcessor, Ordered {

		private final List<String> intercepted;

		ProxyingPostProcessor(List<String> intercepted) {
			this.intercepted = intercepted;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (!(bean instanceof Handlers) && !(bean instanceof PrivateHandler)) {
				return bean;
			}
			ProxyFactory factory = new ProxyFactory(bean);
			factory.setProxyTargetClass(true);
			factory.addAdvice((MethodInterceptor) (invocation) -> {
				this.intercepted.add(invocation.getMethod().getName());
				return invocation.proceed();
			});
			return factory.getProxy();
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@EventHandler("chat.*")
	@interface OnChat {

	}

	static class MetaAnnotated {

		final List<ChatMessage> messages = new CopyOnWriteArrayList<>();

		@OnChat
		void on(ChatMessage message) {
			this.messages.add(message);
		}

	}

	static class PlaceholderHandler {

		final List<String> payloads = new CopyOnWriteArrayList<>();

		@EventHandler(value = "${demo.topic}", namespace = "${demo.namespace}")
		void on(String payload) {
			this.payloads.add(payload);
		}

	}

	static class ExpressionHandler {

		final List<String> payloads = new CopyOnWriteArrayList<>();

		@EventHandler(value = "#{'${demo.prefix}' + '.evaluated'}", namespace = "#{'def' + 'ault'}")
		void on(String payload) {
			this.payloads.add(payload);
		}

	}

	static class PrivateHandler {

		@EventHandler("a")
		private void on() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedObserversConfiguration {

		final List<String> order = new CopyOnWriteArrayList<>();

		@Bean
		RecordingObserver observer() {
			return new RecordingObserver();
		}

		// Declared before the first, so that only @Order puts it second.
		@Bean
		@Order(2)
		BusObserver secondObserver() {
			return naming("second");
		}

		@Bean
		@Order(1)
		BusObserver firstObserver() {
			return naming("first");
		}

		private BusObserver naming(String name) {
			return new BusObserver() {

				@Override
				public void emitted(Event event) {
					OrderedObserversConfiguration.this.order.add(name);
				}

			};
		}

	}

	static class TwoParameters {

		@EventHandler("a")
		void on(String one, String two) {
		}

	}

	static class NoType {

		@EventHandler
		void on(String text) {
		}

	}

	static class BadPattern {

		@EventHandler("a..b")
		CompletionStage<Void> on() {
			return CompletableFuture.completedFuture(null);
		}

	}

}
