package io.aiodistbus.internal.dispatch;

import java.util.Map;

import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.codec.RawPayload;
import io.aiodistbus.event.EncodedPayload;
import io.aiodistbus.event.Event;

/**
 * Converts payloads with a {@link PayloadCodec}: a received payload is decoded from its bytes straight
 * to the handler's class (once per class and event); a payload emitted in this JVM that already is of
 * the handler's class is passed as it is (the common case on a local bus, and free); anything else
 * goes through the codec's JSON form, which lets an {@code Integer} reach a {@code Long} handler or a
 * {@code Map} a record handler.
 */
public final class CodecPayloadConverter implements PayloadConverter {

	private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
			double.class, Double.class, float.class, Float.class, boolean.class, Boolean.class, short.class,
			Short.class, byte.class, Byte.class, char.class, Character.class);

	private final PayloadCodec codec;

	/**
	 * @param codec the codec
	 */
	public CodecPayloadConverter(PayloadCodec codec) {
		this.codec = codec;
	}

	@Override
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
		Class<T> boxed = (Class<T>) BOXES.getOrDefault(target, target);
		if (boxed.isInstance(data)) {
			return boxed.cast(data);
		}
		if (data instanceof RawPayload raw) {
			return this.codec.decode(raw.bytes(), raw.dtype(), boxed, event.type(), event.id());
		}
		byte[] encoded = this.codec.encode(data);
		return this.codec.decode(encoded, this.codec.dtypeOf(data), boxed, event.type(), event.id());
	}
}
