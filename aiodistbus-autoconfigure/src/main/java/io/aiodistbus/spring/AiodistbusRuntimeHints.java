package io.aiodistbus.spring;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import io.aiodistbus.event.BusEvent;

/**
 * What a native image needs of the annotations at run time: their attributes are read
 * reflectively, when handlers are found and payload classes named. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
class AiodistbusRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		for (Class<?> annotation : new Class<?>[] { EventHandler.class, EventedBean.class, BusEvent.class }) {
			hints.reflection().registerType(annotation, MemberCategory.INVOKE_DECLARED_METHODS);
		}
		hints.reflection().registerType(EventedObject.class, MemberCategory.INVOKE_PUBLIC_METHODS);
	}

}
