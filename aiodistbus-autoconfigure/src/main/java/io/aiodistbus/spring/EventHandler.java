package io.aiodistbus.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.aiodistbus.event.BusEvent;

/**
 * Marks a method of a Spring bean as a handler of bus events.
 * <pre class="code">
 * &#64;EventHandler("chat.message")
 * void onMessage(ChatMessage message) { ... }
 * </pre>
 *
 * <h2>Signatures</h2>
 * The method takes one of:
 * <ul>
 * <li>the payload, converted to the parameter's class as {@code EntryPoint.on(type, Class, ...)}
 * does;</li>
 * <li>the whole {@link io.aiodistbus.event.Event};</li>
 * <li>nothing.</li>
 * </ul>
 * It returns {@code void} or a
 * {@link java.util.concurrent.CompletionStage} that a blocking emit waits for. Without a
 * {@link #value() type}, the type is the {@link BusEvent#value()} of the parameter's class. A method
 * that breaks these rules fails the start of the application with a message naming the bean and
 * method.
 *
 * <h2>Placeholders and expressions</h2>
 * The type and the namespace may be {@code ${...}} property placeholders and {@code #{...}} SpEL
 * expressions, resolved once when the bean is created, as {@code @KafkaListener} resolves its topics:
 * {@code @EventHandler("${demo.topic}")}. A placeholder that does not resolve fails the start of the
 * application naming the bean and method.
 *
 * <h2>Namespaces</h2>
 * Handlers are grouped by {@link #namespace()} in the {@link HandlerRegistry}. The namespaces listed
 * in {@code aiodistbus.namespaces} (by default just {@code default}) are put on the application's
 * entry point at start-up; handlers of other namespaces go on whatever entry point the application
 * hands to {@link HandlerRegistry#use}.
 *
 * <p>
 * The method is invoked on the bean as the context holds it, so proxies ({@code @Transactional},
 * aspects) apply. May be used as a meta-annotation.
 *
 * @see HandlerRegistry
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
public @interface EventHandler {

	/**
	 * The event type or wildcard pattern to handle; may hold placeholders and expressions.
	 * @return the type, empty to take it from the parameter class's {@link BusEvent}
	 */
	String value() default "";

	/**
	 * The handler group this method belongs to; may hold placeholders and expressions.
	 * @return the namespace
	 */
	String namespace() default HandlerRegistry.DEFAULT_NAMESPACE;
}
