package io.aiodistbus.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a real broker ({@link EmbeddedBroker}, 127.0.0.1 and free ports) for a test class.
 * <ul>
 * <li>In a plain JUnit test the broker starts before the class's first test and closes after its
 * last; tests receive it as an {@link EmbeddedBroker} parameter (of the constructor, a lifecycle
 * method or a test method).</li>
 * <li>In a Spring test ({@code @SpringBootTest}, with {@code aiodistbus-spring-boot-test} on the class
 * path) the broker is a bean of the test's application context, started with it and closed with it
 * (contexts that Spring caches share it), and the application's client connects to it through an
 * {@code AiodistbusConnectionDetails} bean, keys included: no property names a port. Tests inject it
 * with {@code @Autowired EmbeddedBroker}.</li>
 * </ul>
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;EmbeddedBus
 * class ChatServiceTests {
 *
 *     &#64;Autowired EmbeddedBroker broker;
 *     ...
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedBusExtension.class)
public @interface EmbeddedBus {

	/**
	 * Whether the broker runs with CurveZMQ: a fresh key pair for the broker and one for its clients
	 * ({@link EmbeddedBroker#clientSecurity()}), which the application's client is given too.
	 * @return whether to turn on CurveZMQ
	 */
	boolean security() default false;

	/**
	 * The {@code aiodistbus.mode} of the application under test, in a Spring test: {@code client} by
	 * default, so that the application connects to this broker; empty to leave the application's own
	 * setting.
	 * @return the mode to set, or empty
	 */
	String mode() default "client";

}
