package io.aiodistbus.codec;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.aiodistbus.event.BusEvent;

/**
 * The mapping between dtype names on the wire and local payload classes, so that a payload named
 * {@code __main__.Greeting} by a Python peer decodes to the Java class that stands for it.
 * <p>
 * A class may be registered under several dtypes (Python names a dataclass after the module it is
 * defined in, which differs between a script and a package); it is written under the first one.
 * A dtype maps to one class only. Lookups are lock-free; registration is serialized.
 */
public final class DtypeRegistry {

	private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

	private final Map<Class<?>, String> names = new ConcurrentHashMap<>();

	/**
	 * Registers a payload class under the dtype of its {@link BusEvent} annotation, or its fully
	 * qualified name when it has none. Registering a class again is a no-op.
	 * @param type the payload class
	 * @return the dtype the class is written under: the first it was registered with
	 * @throws IllegalArgumentException if the dtype is taken by another class
	 */
	public String register(Class<?> type) {
		register(annotatedDtype(type), type);
		return this.names.get(type);
	}

	/**
	 * Registers a payload class under a dtype, typically the {@code module.ClassName} of the
	 * matching Python dataclass.
	 * @param dtype the wire name
	 * @param type the payload class
	 * @throws IllegalArgumentException if the dtype is a built-in one or taken by another class
	 */
	public synchronized void register(String dtype, Class<?> type) {
		Objects.requireNonNull(type, "type must not be null");
		if (dtype == null || dtype.isEmpty()) {
			throw new IllegalArgumentException("dtype of " + type.getName() + " must not be empty");
		}
		if (Dtypes.isBuiltin(dtype)) {
			throw new IllegalArgumentException(
					"dtype '" + dtype + "' is reserved for a built-in type; cannot register " + type.getName());
		}
		Class<?> existing = this.classes.putIfAbsent(dtype, type);
		if (existing != null && existing != type) {
			throw new IllegalArgumentException("dtype '" + dtype + "' is already registered to " + existing.getName()
					+ "; cannot register " + type.getName());
		}
		this.names.putIfAbsent(type, dtype);
	}

	/**
	 * Returns the class registered for a dtype.
	 * @param dtype a dtype name
	 * @return the class, or {@code null} when the dtype is unknown
	 */
	public Class<?> classFor(String dtype) {
		return (dtype != null) ? this.classes.get(dtype) : null;
	}

	/**
	 * Returns the dtype a registered class is written under.
	 * @param type a payload class
	 * @return the dtype, or {@code null} when the class is not registered
	 */
	public String dtypeOf(Class<?> type) {
		return this.names.get(type);
	}

	private static String annotatedDtype(Class<?> type) {
		BusEvent annotation = type.getAnnotation(BusEvent.class);
		return (annotation != null && !annotation.dtype().isEmpty()) ? annotation.dtype() : type.getName();
	}
}
