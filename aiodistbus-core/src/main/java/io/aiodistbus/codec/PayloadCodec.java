package io.aiodistbus.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.aiodistbus.event.EncodedPayload;
import io.aiodistbus.event.Event;

/**
 * Converts payloads to the bytes Python aiodistbus puts in an event's {@code data}, and back,
 * according to the payload's dtype.
 * <p>
 * Everything but {@code builtins.bytes} is JSON. Python's built-in types (strings, numbers, booleans,
 * maps, lists) are written exactly as Python writes them (see {@link JsonStrings}): compactly, with
 * non-ASCII escaped and {@code NaN}/{@code Infinity} as bare words. Payload classes (records, POJOs,
 * anything else) are written and read by a {@link PayloadMapper}: by default Jackson 2 with
 * {@code java.time} types as ISO-8601 text and {@code Optional} as its value or {@code null} (see
 * {@link #defaultObjectMapper()}); unknown JSON properties are ignored on read, since a Python
 * dataclass may carry more fields than its Java counterpart.
 * <p>
 * Thread-safe; readers for each target class are built once and reused.
 */
public final class PayloadCodec {

	private static final byte[] NULL = { 'n', 'u', 'l', 'l' };

	private static final ObjectMapperPayloadMapper DEFAULT_MAPPER = new ObjectMapperPayloadMapper(
			defaultObjectMapper());

	private static final PayloadCodec SHARED = new PayloadCodec(new DtypeRegistry());

	private final DtypeRegistry registry;

	/** Python's built-in types, whose JSON must stay what Python writes whatever the application's mapper. */
	private final ObjectMapperPayloadMapper builtins;

	private final PayloadMapper payloads;

	/**
	 * Creates a codec with the {@linkplain #defaultObjectMapper() default mapper}.
	 * @param registry the payload classes known by dtype
	 */
	public PayloadCodec(DtypeRegistry registry) {
		this(registry, DEFAULT_MAPPER, null);
	}

	/**
	 * Creates a codec that reads and writes every JSON payload with a Jackson 2 mapper (its modules
	 * and naming strategy apply). The mapper itself is not modified; start from
	 * {@link #defaultObjectMapper()} to keep {@code java.time} and {@code Optional} support.
	 * @param registry the payload classes known by dtype
	 * @param mapper the mapper to derive readers and writers from
	 */
	public PayloadCodec(DtypeRegistry registry, ObjectMapper mapper) {
		this(registry, new ObjectMapperPayloadMapper(mapper), null);
	}

	/**
	 * Creates a codec that writes and reads payload classes with an application's mapper, and
	 * Python's built-in types with the default one.
	 * @param registry the payload classes known by dtype
	 * @param mapper writes and reads records, POJOs and other payload classes
	 */
	public PayloadCodec(DtypeRegistry registry, PayloadMapper mapper) {
		this(registry, DEFAULT_MAPPER, Objects.requireNonNull(mapper, "mapper must not be null"));
	}

	/** With {@code payloads} {@code null}, payload classes are mapped as the built-ins are. */
	private PayloadCodec(DtypeRegistry registry, ObjectMapperPayloadMapper builtins, PayloadMapper payloads) {
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
		this.builtins = builtins;
		this.payloads = (payloads != null) ? payloads : builtins;
	}

	/**
	 * Returns a new Jackson 2 mapper configured as the default codec's: {@code java.time} types
	 * written as ISO-8601 text ({@code "2026-11-28T12:00:00Z"}, {@code "2026-11-28"},
	 * {@code "PT1.5S"}), which Python's {@code fromisoformat} reads, and {@code Optional} written as
	 * its value or {@code null}. Customize it and pass it to {@link #PayloadCodec(DtypeRegistry, ObjectMapper)}.
	 * @return a new mapper
	 */
	public static ObjectMapper defaultObjectMapper() {
		return JsonMapper.builder()
			.addModule(new JavaTimeModule())
			.addModule(new Jdk8Module())
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
			.build();
	}

	/**
	 * Returns the codec entry points use unless given another: one registry for the whole JVM, so a
	 * payload class registered (or emitted) anywhere decodes everywhere.
	 * @return the shared codec
	 */
	public static PayloadCodec shared() {
		return SHARED;
	}

	/** @return the registry this codec resolves payload classes with */
	public DtypeRegistry registry() {
		return this.registry;
	}

	/**
	 * Returns the dtype a payload travels under. A payload class not registered yet is registered
	 * on the way (by its {@code @BusEvent} dtype or class name), so that replies naming it decode.
	 * @param data the payload, may be {@code null}
	 * @return the dtype name
	 * @throws IllegalArgumentException if the class's dtype is already taken by another class
	 */
	public String dtypeOf(Object data) {
		if (data == null) {
			return Dtypes.NONE;
		}
		if (data instanceof CharSequence || data instanceof Character) {
			return Dtypes.STR;
		}
		if (data instanceof byte[]) {
			return Dtypes.BYTES;
		}
		if (data instanceof Integer || data instanceof Long || data instanceof Short || data instanceof Byte
				|| data instanceof BigInteger) {
			return Dtypes.INT;
		}
		if (data instanceof Double || data instanceof Float || data instanceof BigDecimal) {
			return Dtypes.FLOAT;
		}
		if (data instanceof Boolean) {
			return Dtypes.BOOL;
		}
		if (data instanceof Map) {
			return Dtypes.DICT;
		}
		if (data instanceof Collection || data.getClass().isArray()) {
			return Dtypes.LIST;
		}
		if (data instanceof RawPayload raw) {
			return raw.dtype();
		}
		String dtype = this.registry.dtypeOf(data.getClass());
		return (dtype != null) ? dtype : this.registry.register(data.getClass());
	}

	/**
	 * Encodes a payload to the bytes of an event's {@code data}. A {@code byte[]} (and the bytes of
	 * a {@link RawPayload}) are returned as they are, not copied.
	 * @param data the payload, may be {@code null}
	 * @return the bytes
	 * @throws PayloadCodecException if the mapper cannot write the payload
	 */
	public byte[] encode(Object data) {
		if (data == null) {
			return NULL.clone();
		}
		if (data instanceof String text) {
			return JsonStrings.quoted(text);
		}
		if (data instanceof byte[] bytes) {
			return bytes;
		}
		if (data instanceof CharSequence || data instanceof Character) {
			return JsonStrings.quoted(data.toString());
		}
		if (data instanceof RawPayload raw) {
			return raw.unsafeBytes();
		}
		try {
			return isBuiltin(data) ? this.builtins.write(data) : this.payloads.write(data);
		}
		catch (IOException | RuntimeException ex) {
			throw PayloadCodecException.encoding(data.getClass(), ex);
		}
	}

	/**
	 * Decodes a payload to its natural Java type: {@code String}, {@code Long} (or {@code BigInteger}
	 * beyond 64 bits), {@code Double}, {@code Boolean}, {@code LinkedHashMap}, {@code ArrayList},
	 * {@code byte[]}, {@code null}, an instance of the registered class, or a {@link RawPayload}
	 * for an unknown dtype.
	 * @param bytes the payload bytes, {@code null} for an event without data
	 * @param dtype the payload's dtype
	 * @return the payload
	 * @throws PayloadCodecException if the bytes do not fit the dtype
	 */
	public Object decode(byte[] bytes, String dtype) {
		return decode(bytes, dtype, Object.class, null, null);
	}

	/**
	 * Decodes a payload to the type a handler asked for.
	 * @param <T> the type
	 * @param bytes the payload bytes, {@code null} for an event without data
	 * @param dtype the payload's dtype
	 * @param target the class to decode to
	 * @return the payload
	 * @throws PayloadCodecException if the bytes do not fit the target
	 * @see #decode(byte[], String, Class, String, String)
	 */
	public <T> T decode(byte[] bytes, String dtype, Class<T> target) {
		return decode(bytes, dtype, target, null, null);
	}

	/**
	 * Decodes a payload to the type a handler asked for, naming the event in any failure.
	 * <ul>
	 * <li>{@code builtins.NoneType} (and no bytes at all) decode to {@code null} for any target.</li>
	 * <li>A {@code byte[]} target receives the payload bytes as they came, whatever the dtype; a
	 * {@link RawPayload} target receives them wrapped.</li>
	 * <li>A target that the natural type of the dtype is assignable to ({@code Object},
	 * {@code Number}, {@code Map}, an interface of a registered class...) receives the natural
	 * type, as {@link #decode(byte[], String)} describes.</li>
	 * <li>Any other target is read by Jackson from the JSON, so numbers widen and narrow, and a
	 * dataclass dtype unknown here still decodes to a class with the same fields.</li>
	 * </ul>
	 * @param <T> the type
	 * @param bytes the payload bytes, {@code null} for an event without data
	 * @param dtype the payload's dtype
	 * @param target the class to decode to
	 * @param eventType the type of the event carrying the payload, for the error message
	 * @param eventId the id of that event, for the error message
	 * @return the payload, {@code null} when there is none
	 * @throws PayloadCodecException if the bytes do not fit the target
	 */
	@SuppressWarnings("unchecked")
	public <T> T decode(byte[] bytes, String dtype, Class<T> target, String eventType, String eventId) {
		try {
			return (T) convert(bytes, dtype, boxed(target));
		}
		catch (IOException | RuntimeException ex) {
			throw PayloadCodecException.decoding(dtype, target, eventType, eventId, ex);
		}
	}

	/**
	 * Converts an event's payload to the class a handler asked for, as the entry points do before
	 * calling a typed handler: a received payload is decoded from its bytes straight to the class
	 * (once per class and event); a payload emitted in this JVM that already is of the class is passed
	 * as it is (the common case on a local bus, and free); anything else goes through this codec's
	 * JSON form, which lets an {@code Integer} reach a {@code Long} handler or a {@code Map} a record
	 * handler.
	 * @param <T> the target type
	 * @param event the event whose payload to convert
	 * @param target the class the handler takes
	 * @return the payload as {@code target}, {@code null} for an event without payload
	 * @throws PayloadCodecException if the payload cannot be converted
	 */
	@SuppressWarnings("unchecked")
	public <T> T convert(Event event, Class<T> target) {
		EncodedPayload received = event.encodedData();
		if (received != null) {
			return received.decode(target);
		}
		Object data = event.data();
		if (data == null) {
			return null;
		}
		if (target.isInstance(data)) {
			return target.cast(data);
		}
		Class<T> boxed = (Class<T>) boxed(target);
		if (boxed.isInstance(data)) {
			return boxed.cast(data);
		}
		if (data instanceof RawPayload raw) {
			return decode(raw.bytes(), raw.dtype(), boxed, event.type(), event.id());
		}
		return decode(encode(data), dtypeOf(data), boxed, event.type(), event.id());
	}

	/**
	 * Wraps the payload of a received event so that it is decoded on demand, once per class, as
	 * {@link #decode(byte[], String, Class, String, String)} would decode it.
	 * @param bytes the payload bytes, {@code null} for an event without data
	 * @param dtype the payload's dtype
	 * @param eventType the type of the event carrying the payload, for error messages
	 * @param eventId the id of that event, for error messages
	 * @return the payload, {@code null} when {@code bytes} is {@code null}
	 */
	public EncodedPayload onDemand(byte[] bytes, String dtype, String eventType, String eventId) {
		return (bytes != null) ? new OnDemandPayload(this, bytes, dtype, eventType, eventId) : null;
	}

	/**
	 * The class a decode to {@code target} really produces, so that targets sharing one result (say
	 * {@code Object} and {@code Map} for a dict) share a cache entry; {@code null} when the decode
	 * produces no new value (no payload, or the bytes themselves).
	 */
	Class<?> decodedClass(String dtype, Class<?> target) {
		Class<?> type = boxed(target);
		if (Dtypes.NONE.equals(dtype) || type == byte[].class) {
			return null;
		}
		if (type == RawPayload.class) {
			return type;
		}
		Class<?> natural = naturalClass(dtype);
		if (natural == null) {
			return type.isAssignableFrom(RawPayload.class) ? RawPayload.class : type;
		}
		return type.isAssignableFrom(natural) ? natural : type;
	}

	/**
	 * Reads JSON payload bytes to JSON's natural Java types ({@code Map}, {@code List}, ...).
	 * @throws UncheckedIOException when they are not JSON
	 */
	Object readJson(byte[] bytes) {
		try {
			return this.builtins.read(bytes, Object.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Parses JSON payload bytes to a tree, {@code null} when they are not JSON. */
	JsonNode readTree(byte[] bytes) {
		try {
			return this.builtins.readTree(bytes);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private Object convert(byte[] bytes, String dtype, Class<?> target) throws IOException {
		if (bytes == null || Dtypes.NONE.equals(dtype)) {
			return null;
		}
		if (target == byte[].class) {
			return bytes;
		}
		if (target == RawPayload.class) {
			return new RawPayload(dtype, bytes, this);
		}
		Class<?> natural = naturalClass(dtype);
		if (natural == null) {
			if (target.isAssignableFrom(RawPayload.class)) {
				return new RawPayload(dtype, bytes, this);
			}
		}
		else if (target.isAssignableFrom(natural)) {
			return decodeNatural(bytes, dtype, natural);
		}
		if (Dtypes.BYTES.equals(dtype)) {
			throw new IllegalArgumentException("a builtins.bytes payload is raw bytes, not JSON");
		}
		return isBuiltinTarget(target) ? this.builtins.read(bytes, target) : this.payloads.read(bytes, target);
	}

	private Class<?> naturalClass(String dtype) {
		if (dtype == null) {
			return null;
		}
		return switch (dtype) {
			case Dtypes.STR -> String.class;
			case Dtypes.BYTES -> byte[].class;
			case Dtypes.INT -> Number.class;
			case Dtypes.FLOAT -> Double.class;
			case Dtypes.BOOL -> Boolean.class;
			case Dtypes.DICT -> LinkedHashMap.class;
			case Dtypes.LIST -> ArrayList.class;
			default -> this.registry.classFor(dtype);
		};
	}

	private Object decodeNatural(byte[] bytes, String dtype, Class<?> natural) throws IOException {
		if (natural == byte[].class) {
			return bytes;
		}
		if (Dtypes.INT.equals(dtype)) {
			return readInteger(bytes);
		}
		return Dtypes.isBuiltin(dtype) ? this.builtins.read(bytes, natural) : this.payloads.read(bytes, natural);
	}

	/** Python ints have no size limit: a {@code Long} when it fits, else a {@code BigInteger}. */
	private Number readInteger(byte[] bytes) throws IOException {
		try (JsonParser parser = this.builtins.createParser(bytes)) {
			if (parser.nextToken() != JsonToken.VALUE_NUMBER_INT) {
				throw new JsonParseException(parser, "not an integer: " + parser.currentToken());
			}
			Number result = (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER)
					? parser.getBigIntegerValue() : (Number) parser.getLongValue();
			if (parser.nextToken() != null) {
				throw new JsonParseException(parser, "trailing content after the integer");
			}
			return result;
		}
	}

	private static boolean isBuiltin(Object data) {
		return data instanceof Number || data instanceof Boolean || data instanceof Map || data instanceof Collection
				|| data.getClass().isArray();
	}

	/** Classes a Python built-in converts to, read as the core reads them whatever the payload mapper. */
	private static boolean isBuiltinTarget(Class<?> type) {
		return Number.class.isAssignableFrom(type) || type == Boolean.class || type == Character.class
				|| CharSequence.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
				|| Collection.class.isAssignableFrom(type) || type.isArray() || JsonNode.class.isAssignableFrom(type);
	}

	private static Class<?> boxed(Class<?> type) {
		if (!type.isPrimitive()) {
			return type;
		}
		return switch (type.getName()) {
			case "int" -> Integer.class;
			case "long" -> Long.class;
			case "double" -> Double.class;
			case "float" -> Float.class;
			case "boolean" -> Boolean.class;
			case "short" -> Short.class;
			case "byte" -> Byte.class;
			case "char" -> Character.class;
			default -> type;
		};
	}
}
