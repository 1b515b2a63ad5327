package io.aiodistbus.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a real broker ({@link EmbeddedBroker}, 127.0.0.1 and free ports) for a test class, or, with
 * {@code transport = NATS}, a real {@code nats-server} ({@link EmbeddedNatsServer}) for applications in
 * 'nats' mode; what follows says "broker" for either.
 * <ul>
 * <li>In a plain JUnit test the broker starts before the class's first test and closes after its
 * last; tests receive it as an {@link EmbeddedBroker} parameter (of the constructor, a lifecycle
 * method or a test method).</li>
 * <li>In a Spring test ({@code @SpringBootTest}, with {@code aiodistbus-spring-boot-test} on the class
 * path) the broker is a bean of the test's application context, started with it and closed with it
 * (contexts that Spring caches share it), and the application's client connects to it through an
 * {@code AiodistbusConnectionDetails} bean, keys included: no property names a port. Tests inject it
 * with {@code @Autowired EmbeddedBroker}. With NATS, the application runs in 'nats' mode and finds the
 * server through a {@code NatsConnectionDetails} bean.</li>
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
	 * What the bus runs on: the ZeroMQ broker by default.
	 * @return the transport
	 */
	Transport transport() default Transport.ZEROMQ;

	/**
	 * Whether the broker runs with CurveZMQ: a fresh key pair for the broker and one for its clients
	 * ({@link EmbeddedBroker#clientSecurity()}), which the application's client is given too. Not
	 * supported with {@link Transport#NATS}: asking for it fails the test rather than run it unsecured.
	 * @return whether to turn on CurveZMQ
	 */
	boolean security() default false;

	/**
	 * The {@code aiodistbus.mode} of the application under test, in a Spring test: {@code client} by
	 * default, so that the application connects to this broker ({@code nats} instead with
	 * {@link Transport#NATS}, the one mode that uses a NATS server); empty to leave the application's own
	 * setting.
	 * @return the mode to set, or empty
	 */
	String mode() default "client";

	/** What {@link EmbeddedBus @EmbeddedBus} runs for the test. */
	enum Transport {

		/** An {@link EmbeddedBroker}: the bus's own ZeroMQ broker, for applications in 'client' mode. */
		ZEROMQ,

		/**
		 * An {@link EmbeddedNatsServer}: a {@code nats-server} process, for applications in 'nats' mode.
		 * Needs {@code io.aiodistbus:aiodistbus-nats} on the test class path and {@code nats-server}
		 * installed.
		 */
		NATS;

		/** A class of aiodistbus-nats: an optional dependency, so that ZeroMQ users do not get jnats. */
		private static final String NATS_ENTRY_POINT = "io.aiodistbus.nats.NatsEntryPoint";

		/**
		 * Fails a test that asks for what this transport cannot give, before anything touches a class of
		 * aiodistbus-nats, so that its absence is reported as such rather than as a
		 * {@link NoClassDefFoundError} from deep inside the test's start-up.
		 * @param security the test's {@link EmbeddedBus#security()}
		 * @param classLoader the test's class loader, to look for aiodistbus-nats in
		 * @throws IllegalStateException if the settings or the class path do not allow this transport
		 */
		public void checkSupported(boolean security, ClassLoader classLoader) {
			if (this != NATS) {
				return;
			}
			if (security) {
				// CurveZMQ is ZeroMQ's: running the server open instead would pass a test that believes otherwise
				throw new IllegalStateException("@EmbeddedBus(security = true) is not supported with transport = NATS");
			}
			try {
				Class.forName(NATS_ENTRY_POINT, false, classLoader);
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(
						"@EmbeddedBus(transport = NATS) needs io.aiodistbus:aiodistbus-nats on the test class path", ex);
			}
		}

	}

}
