package io.aiodistbus.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A payload whose dtype names no local type, kept as the bytes that came so that it can still be
 * inspected, converted once its type is known, or relayed unchanged (a bridge re-emits it under
 * its original dtype).
 */
public final class RawPayload {

	private static final int MAX_TEXT = 200;

	/** Stands for "not JSON" in {@link #json}, so that failed parses are not repeated. */
	private static final JsonNode NOT_JSON = MissingNode.getInstance();

	private final String dtype;

	private final byte[] bytes;

	private final PayloadCodec codec;

	private volatile JsonNode json;

	/** Takes ownership of {@code bytes}: callers pass an array nobody else writes to. */
	RawPayload(String dtype, byte[] bytes, PayloadCodec codec) {
		this.dtype = dtype;
		this.bytes = Objects.requireNonNull(bytes, "bytes must not be null");
		this.codec = codec;
	}

	/** @return the dtype the sender gave, possibly {@code null} */
	public String dtype() {
		return this.dtype;
	}

	/** @return a copy of the payload bytes */
	public byte[] bytes() {
		return this.bytes.clone();
	}

	/** The bytes without a copy, for the codec that relays them. */
	byte[] unsafeBytes() {
		return this.bytes;
	}

	/**
	 * Returns the payload parsed as JSON, parsed on first use.
	 * @return the JSON tree, or {@code null} when the bytes are not valid JSON (a {@code builtins.bytes}
	 * payload, for one)
	 */
	public JsonNode json() {
		JsonNode result = this.json;
		if (result == null) {
			result = this.codec.readTree(this.bytes);
			this.json = (result != null) ? result : NOT_JSON;
		}
		return (result != NOT_JSON) ? result : null;
	}

	/**
	 * Decodes the payload to a type, as a handler registered for that type would receive it.
	 * @param <T> the type
	 * @param type the class to decode to
	 * @return the decoded payload
	 * @throws PayloadCodecException if the bytes do not fit the type
	 */
	public <T> T as(Class<T> type) {
		return this.codec.decode(this.bytes, this.dtype, type);
	}

	/**
	 * What Jackson (2 or 3) writes for a raw payload nested in another payload, an {@code Object}
	 * field say: the JSON it holds, so that an unknown payload can be wrapped and relayed.
	 */
	@JsonValue
	Object jsonValue() {
		return this.codec.readJson(this.bytes);
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof RawPayload that && Objects.equals(this.dtype, that.dtype)
				&& Arrays.equals(this.bytes, that.bytes));
	}

	@Override
	public int hashCode() {
		return 31 * Objects.hashCode(this.dtype) + Arrays.hashCode(this.bytes);
	}

	@Override
	public String toString() {
		String text = (json() != null) ? new String(this.bytes, StandardCharsets.UTF_8) : hex();
		if (text.length() > MAX_TEXT) {
			text = text.substring(0, MAX_TEXT) + "...";
		}
		return "RawPayload[dtype=" + this.dtype + ", " + this.bytes.length + " bytes: " + text + "]";
	}

	private String hex() {
		StringBuilder result = new StringBuilder("0x");
		for (int i = 0; i < this.bytes.length && result.length() <= MAX_TEXT; i++) {
			result.append(Character.forDigit((this.bytes[i] >> 4) & 0xf, 16))
				.append(Character.forDigit(this.bytes[i] & 0xf, 16));
		}
		return result.toString();
	}
}
