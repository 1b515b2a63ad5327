package io.aiodistbus.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record (or POJO) as an event payload and names it on the bus.
 * <pre class="code">
 * &#64;BusEvent(value = "chat.message", dtype = "chat.Message")
 * public record ChatMessage(String from, String text) { }
 * </pre>
 * The {@linkplain #dtype() dtype} is the name a payload of this class carries on the wire, where
 * Python aiodistbus expects {@code module.ClassName} of a dataclass with the same field names.
 * Without it the payload is named by its fully qualified Java class name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BusEvent {

	/**
	 * The event type that emitting an instance without an explicit type uses, and that an
	 * annotated handler without an explicit type listens to.
	 * @return the event type, empty for none
	 */
	String value() default "";

	/**
	 * The wire name of the payload type.
	 * @return the dtype name, empty for the fully qualified class name
	 */
	String dtype() default "";
}
