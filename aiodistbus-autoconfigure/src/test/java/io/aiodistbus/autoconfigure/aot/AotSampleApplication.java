package io.aiodistbus.autoconfigure.aot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.aiodistbus.event.BusEvent;
import io.aiodistbus.spring.EventHandler;
import io.aiodistbus.spring.EventedBean;

/**
 * A small application on the bus, processed ahead of time by {@link AotProcessingTests}: a handler
 * of a {@code @BusEvent} record and an evented bean.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class AotSampleApplication {

	@Bean
	Greeter greeter() {
		return new Greeter();
	}

	@Bean
	Preferences preferences() {
		return new Preferences();
	}

	@BusEvent(value = "sample.greeting", dtype = "sample.Greeting")
	public record Greeting(String text) {
	}

	/** Only read by the application, never emitted: found by the start-up scan. */
	@BusEvent(value = "sample.farewell", dtype = "sample.Farewell")
	public record Farewell(String text) {
	}

	public static class Greeter {

		final List<Greeting> heard = new CopyOnWriteArrayList<>();

		@EventHandler
		void onGreeting(Greeting greeting) {
			this.heard.add(greeting);
		}

	}

	@EventedBean(type = "sample.preferences.changed", debounce = "10ms")
	public static class Preferences {

		private String theme = "light";

		public String getTheme() {
			return this.theme;
		}

		public void setTheme(String theme) {
			this.theme = theme;
		}

	}

}
