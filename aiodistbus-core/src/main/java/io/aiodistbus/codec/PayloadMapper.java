package io.aiodistbus.codec;

import java.io.IOException;

/**
 * Writes payload classes (records, POJOs and any other type that is not one of Python's built-ins) as
 * JSON, and reads them back. {@link PayloadCodec} keeps strings, numbers, booleans, maps, lists and
 * bytes to itself, since those must come out as Python writes them; everything else goes through this
 * seam, so that an application can bring its own JSON configuration (the Spring Boot starter plugs in
 * the application's {@code JsonMapper}).
 * <p>
 * Implementations must be thread-safe, write compact UTF-8 JSON, and ignore JSON properties the
 * class does not have (a Python dataclass may carry more fields than its Java counterpart).
 *
 * @see PayloadCodec#PayloadCodec(DtypeRegistry, PayloadMapper)
 */
public interface PayloadMapper {

	/**
	 * Writes a payload as JSON.
	 * @param payload the payload, never {@code null}
	 * @return the UTF-8 JSON bytes
	 * @throws IOException if the payload cannot be written; its message ends up in a
	 * {@link PayloadCodecException}
	 */
	byte[] write(Object payload) throws IOException;

	/**
	 * Reads a payload from JSON.
	 * @param json the UTF-8 JSON bytes
	 * @param type the class to read
	 * @return the payload
	 * @throws IOException if the JSON does not fit the class; its message ends up in a
	 * {@link PayloadCodecException}
	 */
	Object read(byte[] json, Class<?> type) throws IOException;
}
