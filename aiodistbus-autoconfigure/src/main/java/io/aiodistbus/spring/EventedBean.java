package io.aiodistbus.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a bean announce its own changes on the bus, as Python aiodistbus's {@code make_evented}
 * does: the context holds an {@link Evented} proxy of it, and a change through a setter, through a
 * {@code List} or {@code Map} its getters return, or in a nested evented bean emits the bean
 * (debounced) on the application's entry point.
 * <pre class="code">
 * &#64;Component
 * &#64;EventedBean(debounce = "250ms")
 * public class Settings { ... }   // emits "Settings.changed"
 * </pre>
 * The class must be proxyable (not final, not a record). See {@link Evented} for what counts as a
 * change.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventedBean {

	/**
	 * The event type changes are emitted as.
	 * @return the type, empty for {@code <SimpleClassName>.changed}
	 */
	String type() default "";

	/**
	 * How long the bean must stay unchanged before one event is emitted for all changes since the
	 * last one, as a {@link java.time.Duration} text such as {@code 100ms} or {@code PT1S}.
	 * @return the debounce time
	 */
	String debounce() default "100ms";
}
