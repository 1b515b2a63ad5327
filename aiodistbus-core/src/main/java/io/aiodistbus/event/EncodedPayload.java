package io.aiodistbus.event;

/**
 * The payload of a received event, kept as the bytes that came and decoded on demand: straight to
 * the class a handler asks for, and to its natural type only when {@link Event#data()} is read. Each
 * class is decoded at most once per event, so handlers asking for the same class share one value.
 * <p>
 * Thread-safe.
 */
public interface EncodedPayload {

	/**
	 * Returns the payload in its natural type, as {@link Event#data()} describes it.
	 * @return the payload, {@code null} when there is none
	 * @throws RuntimeException (a {@link io.aiodistbus.codec.PayloadCodecException}) if the bytes do
	 * not fit the dtype
	 */
	Object decode();

	/**
	 * Returns the payload as a class.
	 * @param <T> the type
	 * @param type the class a handler takes
	 * @return the payload, {@code null} when there is none
	 * @throws RuntimeException (a {@link io.aiodistbus.codec.PayloadCodecException}) if the bytes do
	 * not fit the class
	 */
	<T> T decode(Class<T> type);
}
