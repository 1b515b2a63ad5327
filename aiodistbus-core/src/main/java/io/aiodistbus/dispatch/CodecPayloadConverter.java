package io.aiodistbus.dispatch;

import java.util.Map;

import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.codec.RawPayload;
import io.aiodistbus.event.Event;

/**
 * Converts payloads with a {@link PayloadCodec}: a payload that already is of the handler's class is
 * passed as it is (the common case, and the only one on a local bus that costs nothing); encoded
 * payloads from the wire are decoded straight to the handler's class; anything else goes through the
 * codec's JSON form, which lets an {@code Integer} reach a {@code Long} handler or a {@code Map} a
 * record handler.
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
