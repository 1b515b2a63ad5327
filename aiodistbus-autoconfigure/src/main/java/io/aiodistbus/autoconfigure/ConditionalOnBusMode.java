package io.aiodistbus.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code aiodistbus.mode} is the given mode. An invalid mode fails the start-up here,
 * before any bean exists, naming the property and the valid modes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Conditional(OnBusModeCondition.class)
@interface ConditionalOnBusMode {

	/**
	 * @return the mode the configuration is for
	 */
	AiodistbusProperties.Mode value();

}
