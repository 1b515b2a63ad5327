package io.aiodistbus.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.aiodistbus.autoconfigure.AiodistbusProperties.Mode;

/**
 * Binds {@code aiodistbus.mode} as the properties bean will (relaxed: {@code broker}, {@code BROKER})
 * while the configuration classes are read, so that a misspelt mode fails there with an
 * {@link InvalidBusModeException} rather than later with a missing {@code EntryPoint} bean.
 */
final class OnBusModeCondition extends SpringBootCondition {

	static final String PROPERTY = "aiodistbus.mode";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Mode required = (Mode) metadata.getAnnotationAttributes(ConditionalOnBusMode.class.getName()).get("value");
		Mode mode;
		try {
			mode = Binder.get(context.getEnvironment()).bind(PROPERTY, Mode.class).orElse(Mode.LOCAL);
		}
		catch (BindException ex) {
			throw new InvalidBusModeException(context.getEnvironment().getProperty(PROPERTY), ex);
		}
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnBusMode.class, required);
		return (mode == required) ? ConditionOutcome.match(message.foundExactly(PROPERTY + "=" + mode))
				: ConditionOutcome.noMatch(message.found(PROPERTY).items(mode));
	}

}
