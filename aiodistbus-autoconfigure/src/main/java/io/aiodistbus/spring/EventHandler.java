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
 * {@link java.util.concurrent.CompletionStage} that a blocking emit waits for; a method that returns
 * a value (or a stage of one, not of {@code Void}) answers requests with it: when the event carries a
 * {@value io.aiodistbus.ReplyHeaders#REPLY_TO} header ({@link io.aiodistbus.EntryPoint#request}), the
 * value is sent as the reply, else it is ignored. Without a
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
 * <h2>Failures</h2>
 * What follows a failure of the method is decided by the application's
 * {@link io.aiodistbus.BusErrorHandler BusErrorHandler} bean, or by the {@code aiodistbus.error.*}
 * properties (by default: logged). {@link #retry()} and {@link #deadLetter()} change it for this
 * method alone, keeping the rest (the backoff's delays, the dead-letter suffix) from the application's
 * {@link io.aiodistbus.RetryingErrorHandler RetryingErrorHandler}:
 * <pre class="code">
 * &#64;EventHandler(value = "orders.created", retry = "5", deadLetter = "true")
 * void onOrder(Order order) { ... }   // up to 5 attempts, then to orders.created.dlt
 * </pre>
 *
 * <h2>Concurrency</h2>
 * By default the method runs on the thread that delivers events (the distributed bus's dispatch
 * thread), one event after another. {@link #concurrency()} gives it threads of its own, and
 * {@link #orderKey()} keeps the order of the events of each key:
 * <pre class="code">
 * &#64;EventHandler(value = "orders.created", concurrency = "4", orderKey = "payload.customerId()")
 * void onOrder(Order order) { ... }   // four at once, each customer's orders in order
 * </pre>
 *
 * <h2>Consumer groups</h2>
 * {@link #group()} puts the method in a consumer group: each event of its type reaches one member of
 * the group, across the instances of a service on the distributed bus:
 * <pre class="code">
 * &#64;EventHandler(value = "orders.created", group = "billing")
 * void bill(Order order) { ... }      // once per order, whichever instance of the service runs it
 * </pre>
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

	/**
	 * Attempts in all (the first delivery included) before this method gives up on an event, such as
	 * {@code "3"}; {@code "1"} for no retry. May hold placeholders and expressions.
	 * @return the attempts, empty for those of {@code aiodistbus.error.retry.max-attempts} (or of the
	 * application's error handler)
	 */
	String retry() default "";

	/**
	 * Whether an event on which this method failed its last attempt goes to the dead-letter type
	 * ({@code "true"}) or is logged ({@code "false"}). May hold placeholders and expressions.
	 * @return {@code "true"} or {@code "false"}, empty for what {@code aiodistbus.error.dead-letter.enabled}
	 * (or the application's error handler) says
	 */
	String deadLetter() default "";

	/**
	 * How many calls of this method may run at once, such as {@code "4"}; above 1 the calls run on the
	 * method's own threads, and the thread that delivers events goes on (see
	 * {@link io.aiodistbus.HandlerOptions}). May hold placeholders and expressions.
	 * @return the concurrency, empty for {@code aiodistbus.handler.concurrency} (by default 1)
	 */
	String concurrency() default "";

	/**
	 * With a concurrency above 1: a SpEL expression giving the key whose events this method handles one
	 * at a time, in delivery order, evaluated per event against an {@link OrderKeyContext}:
	 * {@code "payload.customerId()"}, {@code "headers['customer']"}. Empty for no order.
	 * @return the expression
	 */
	String orderKey() default "";

	/**
	 * The consumer group of this method: each event reaches one member of the group (round robin; on
	 * the distributed bus the broker chooses among the members of every application instance), while
	 * methods without a group get every event. Letters, digits, {@code _}, {@code -}, {@code .}; may hold
	 * placeholders and expressions.
	 * @return the group, empty for none
	 */
	String group() default "";
}
