package io.aiodistbus.samples.startup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application with actuator and the starter and nothing of its own, whose start-up
 * {@link StartupComparison} times. It has no bean that needs the bus, so that it also starts with the
 * starter's auto-configurations excluded.
 */
@SpringBootApplication
public class StartupApplication {

	public static void main(String[] args) {
		SpringApplication.run(StartupApplication.class, args);
	}
}
