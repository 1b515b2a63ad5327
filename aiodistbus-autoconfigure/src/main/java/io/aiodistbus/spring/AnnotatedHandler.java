package io.aiodistbus.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ReflectionUtils;

import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

import io.aiodistbus.BusErrorHandler;
import io.aiodistbus.HandlerOptions;
import io.aiodistbus.RetryBackOff;
import io.aiodistbus.RetryingErrorHandler;
import io.aiodistbus.TypePatterns;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.BusEvent;
import io.aiodistbus.event.Event;

/**
 * One {@link EventHandler @EventHandler} method of one bean: its signature checked, its type
 * resolved, and a handler that calls it on the bean as the context holds it (so proxies apply), in
 * the shape of {@link io.aiodistbus.EntryPoint#onAsync(String, Function, String)}.
 *
 * @param namespace the handler's namespace
 * @param type the event type or pattern
 * @param invoker calls the method
 * @param description {@code beanName.method(Param)}, for logs
 * @param retry the attempts {@link EventHandler#retry()} asks for, {@code null} when it is empty
 * @param deadLetter what {@link EventHandler#deadLetter()} asks for, {@code null} when it is empty
 * @param concurrency what {@link EventHandler#concurrency()} asks for, {@code null} when it is empty
 * @param orderKey the key of {@link EventHandler#orderKey()}, {@code null} when it is empty
 * @param group the consumer group of {@link EventHandler#group()}, {@code null} when it is empty
 * @param replies whether the method returns a value (or a stage of one), which answers requests
 */
record AnnotatedHandler(String namespace, String type, Function<Event, CompletionStage<?>> invoker,
		String description, Integer retry, Boolean deadLetter, Integer concurrency,
		Function<Event, Object> orderKey, String group, boolean replies) {

	private static final String SIGNATURES = "an @EventHandler method takes the payload, the Event or nothing";

	/**
	 * @param bean the bean, possibly a proxy
	 * @param beanName the bean's name
	 * @param method the annotated method, as declared on the target class
	 * @param annotation the (merged) annotation
	 * @param resolver resolves placeholders and expressions in the type and namespace
	 * @param codec converts payloads to the parameter's class
	 * @return the handler
	 * @throws IllegalStateException naming the bean and method if the signature is not supported or an
	 * attribute does not resolve
	 */
	static AnnotatedHandler of(Object bean, String beanName, Method method, EventHandler annotation,
			UnaryOperator<String> resolver, Supplier<PayloadCodec> codec) {
		Class<?>[] parameters = method.getParameterTypes();
		String description = beanName + "." + method.getName() + "("
				+ ((parameters.length == 1) ? parameters[0].getSimpleName() : "") + ")";
		if (parameters.length > 1) {
			throw invalid(description, "it takes " + parameters.length + " parameters; " + SIGNATURES);
		}
		Class<?> returnType = method.getReturnType();
		boolean async = CompletionStage.class.isAssignableFrom(returnType);
		boolean replies = (async) ? !stageOfVoid(method.getGenericReturnType()) : returnType != void.class;
		Class<?> parameter = (parameters.length == 1) ? parameters[0] : null;
		String type = typeOf(resolve(annotation.value(), "type", resolver, description), parameter, description);
		String namespace = resolve(annotation.namespace(), "namespace", resolver, description);
		if (namespace.isEmpty()) {
			throw invalid(description, "its namespace '" + annotation.namespace() + "' resolves to nothing");
		}
		Method invocable;
		try {
			invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		}
		catch (IllegalStateException ex) {
			// A private method on a proxy, or a JDK proxy without the method: say which bean.
			throw invalid(description, ex.getMessage());
		}
		ReflectionUtils.makeAccessible(invocable);
		Function<Event, CompletionStage<?>> invoker = (event) -> {
			Object[] arguments = (parameter == null) ? new Object[0]
					: new Object[] { (parameter == Event.class) ? event : codec.get().convert(event, parameter) };
			try {
				Object result = invoke(invocable, bean, arguments);
				if (async) {
					return (CompletionStage<?>) result;
				}
				// a value answers a request: the registry replies with what the stage holds
				return replies ? CompletableFuture.completedFuture(result) : null;
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				// A checked exception cannot pass through a Function: hand it back as the failed stage,
				// which the bus logs and reports as it would the exception itself.
				return CompletableFuture.failedFuture(ex);
			}
		};
		Integer retry = attempts(resolve(annotation.retry(), "retry", resolver, description), description);
		Boolean deadLetter = flag(resolve(annotation.deadLetter(), "deadLetter", resolver, description), description);
		Integer concurrency = positive(resolve(annotation.concurrency(), "concurrency", resolver, description),
				"concurrency", description);
		Function<Event, Object> orderKey = orderKey(resolve(annotation.orderKey(), "orderKey", resolver, description),
				parameter, codec, description);
		String group = resolve(annotation.group(), "group", resolver, description);
		try {
			HandlerOptions.checkGroup(group.isEmpty() ? null : group);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(description, ex.getMessage());
		}
		return new AnnotatedHandler(namespace, type, invoker, description, retry, deadLetter, concurrency, orderKey,
				group.isEmpty() ? null : group, replies);
	}

	/** A {@code CompletionStage<Void>} (or of {@code ?}) completes with nothing to reply. */
	private static boolean stageOfVoid(Type returnType) {
		if (!(returnType instanceof ParameterizedType parameterized)) {
			return true;
		}
		Type argument = parameterized.getActualTypeArguments()[0];
		return argument == Void.class || argument instanceof WildcardType;
	}

	/**
	 * The options of this method: the application's defaults, changed by what the annotation asks for.
	 * @param defaults the application's defaults for {@code @EventHandler} methods
	 * @param application the application's error handler, or {@code null}
	 * @return the method's options
	 */
	HandlerOptions options(HandlerOptions defaults, BusErrorHandler application) {
		HandlerOptions options = defaults.withErrorHandler(errorHandler(application));
		if (this.concurrency != null) {
			options = options.withConcurrency(this.concurrency);
		}
		if (this.group != null) {
			options = options.withGroup(this.group);
		}
		return (this.orderKey != null) ? options.withOrderKey(this.orderKey) : options;
	}

	private static Function<Event, Object> orderKey(String expression, Class<?> parameter,
			Supplier<PayloadCodec> codec, String description) {
		if (expression.isBlank()) {
			return null;
		}
		Expression parsed;
		try {
			parsed = new SpelExpressionParser().parseExpression(expression);
		}
		catch (ParseException ex) {
			throw invalid(description, "its orderKey '" + expression + "' is not a SpEL expression: " + ex.getMessage());
		}
		return (event) -> parsed.getValue(SimpleEvaluationContext.forReadOnlyDataBinding()
			.withInstanceMethods()
			.withRootObject(new OrderKeyContext(event, parameter, codec.get()))
			.build());
	}

	/**
	 * The error handler of this method: {@code null} (the entry point's) unless the annotation asks for
	 * its own attempts or dead letters, which then change the application's error handler if it is a
	 * {@link RetryingErrorHandler}, else one that retries with the default delays.
	 * @param application the application's error handler, or {@code null}
	 * @return the method's own error handler, or {@code null}
	 */
	BusErrorHandler errorHandler(BusErrorHandler application) {
		if (this.retry == null && this.deadLetter == null) {
			return null;
		}
		RetryingErrorHandler handler = (application instanceof RetryingErrorHandler retrying) ? retrying
				: new RetryingErrorHandler(RetryBackOff.none());
		if (this.retry != null) {
			handler = handler.withBackOff(handler.backOff().withMaxAttempts(this.retry));
		}
		if (Boolean.TRUE.equals(this.deadLetter) && handler.deadLetterSuffix() == null) {
			handler = handler.withDeadLetters();
		}
		else if (Boolean.FALSE.equals(this.deadLetter)) {
			handler = handler.withoutDeadLetters();
		}
		return handler;
	}

	private static Integer attempts(String value, String description) {
		return positive(value, "retry", description);
	}

	private static Integer positive(String value, String attribute, String description) {
		if (value.isEmpty()) {
			return null;
		}
		try {
			int number = Integer.parseInt(value.trim());
			if (number >= 1) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw invalid(description, "its " + attribute + " '" + value + "' is not a whole number of 1 or more");
	}

	private static Boolean flag(String value, String description) {
		return switch (value.trim()) {
			case "" -> null;
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw invalid(description, "its deadLetter '" + value + "' is neither true nor false");
		};
	}

	private static String resolve(String value, String attribute, UnaryOperator<String> resolver,
			String description) {
		try {
			return resolver.apply(value);
		}
		catch (RuntimeException ex) {
			// An unresolvable placeholder or a broken expression: say which handler and attribute.
			throw new IllegalStateException("Invalid @EventHandler method " + description + ": its " + attribute
					+ " '" + value + "' does not resolve: " + ex.getMessage(), ex);
		}
	}

	private static String typeOf(String declared, Class<?> parameter, String description) {
		String type = declared;
		if (type.isEmpty()) {
			BusEvent busEvent = (parameter != null) ? parameter.getAnnotation(BusEvent.class) : null;
			if (busEvent == null || busEvent.value().isEmpty()) {
				throw invalid(description, "it names no event type; give @EventHandler a value, or take a payload "
						+ "whose class is annotated with @BusEvent(\"some.type\")");
			}
			type = busEvent.value();
		}
		try {
			TypePatterns.validate(type);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(description, ex.getMessage());
		}
		return type;
	}

	private static Object invoke(Method method, Object bean, Object[] arguments) throws Exception {
		try {
			return method.invoke(bean, arguments);
		}
		catch (InvocationTargetException ex) {
			// Report what the handler threw, not the reflection wrapper.
			Throwable cause = ex.getTargetException();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			throw (Error) cause;
		}
	}

	private static IllegalStateException invalid(String description, String reason) {
		return new IllegalStateException("Invalid @EventHandler method " + description + ": " + reason);
	}
}
