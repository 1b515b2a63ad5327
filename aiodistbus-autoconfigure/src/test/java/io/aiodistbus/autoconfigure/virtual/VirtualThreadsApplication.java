package io.aiodistbus.autoconfigure.virtual;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.AiodistbusAutoConfiguration;
import io.aiodistbus.spring.EventHandler;

/**
 * An application of {@link VirtualThreadsTests}, run on a Java 21+ JVM of its own with
 * {@code spring.threads.virtual.enabled}: emits one event to a handler with a concurrency of 4 and
 * prints {@code VIRTUAL true} or {@code VIRTUAL false}, as the handler's thread is.
 */
public final class VirtualThreadsApplication {

	private VirtualThreadsApplication() {
	}

	public static void main(String[] args) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class)
			.web(WebApplicationType.NONE)
			.properties("spring.threads.virtual.enabled=true", "aiodistbus.mode=local")
			.run(args)) {
			Handler handler = context.getBean(Handler.class);
			context.getBean(EntryPoint.class).emit("work.item", "one");
			if (!handler.handled.await(30, TimeUnit.SECONDS)) {
				System.out.println("NOT HANDLED");
				return;
			}
			System.out.println("VIRTUAL " + handler.virtual);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AiodistbusAutoConfiguration.class)
	static class Config {

		@Bean
		Handler handler() {
			return new Handler();
		}
	}

	static class Handler {

		private final CountDownLatch handled = new CountDownLatch(1);

		private volatile boolean virtual;

		@EventHandler(value = "work.item", concurrency = "4")
		void onItem(String item) throws ReflectiveOperationException {
			// Thread.isVirtual() is Java 21's; this code is compiled for 17
			this.virtual = (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
			this.handled.countDown();
		}
	}
}
