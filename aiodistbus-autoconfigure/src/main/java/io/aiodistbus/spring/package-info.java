/**
 * What a Spring application uses of the bus: {@link io.aiodistbus.spring.EventHandler @EventHandler}
 * methods, found by the {@link io.aiodistbus.spring.EventHandlerAnnotationBeanPostProcessor} and
 * grouped in the {@link io.aiodistbus.spring.HandlerRegistry}, and evented objects
 * ({@link io.aiodistbus.spring.EventedBean @EventedBean} beans, proxied by the
 * {@link io.aiodistbus.spring.EventedBeanPostProcessor}, and {@link io.aiodistbus.spring.Evented}).
 */
package io.aiodistbus.spring;
