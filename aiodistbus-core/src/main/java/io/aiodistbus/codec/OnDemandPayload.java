package io.aiodistbus.codec;

import java.util.HashMap;
import java.util.Map;

import io.aiodistbus.event.EncodedPayload;

/**
 * A received payload decoded on demand by {@link PayloadCodec}, each class at most once: the first
 * class is kept in two fields (one handler class per event is the common case), further ones in a map.
 * Decodes are serialized on the payload: handlers of one event run one after another, so the lock is
 * uncontended, and it keeps a value built once and safely published to every handler.
 */
final class OnDemandPayload implements EncodedPayload {

	private final PayloadCodec codec;

	private final byte[] bytes;

	private final String dtype;

	private final String eventType;

	private final String eventId;

	private Class<?> firstClass;

	private Object first;

	private Map<Class<?>, Object> others;

	OnDemandPayload(PayloadCodec codec, byte[] bytes, String dtype, String eventType, String eventId) {
		this.codec = codec;
		this.bytes = bytes;
		this.dtype = dtype;
		this.eventType = eventType;
		this.eventId = eventId;
	}

	@Override
	public Object decode() {
		return decode(Object.class);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T decode(Class<T> type) {
		Class<?> decoded = this.codec.decodedClass(this.dtype, type);
		if (decoded == null) {
			return this.codec.decode(this.bytes, this.dtype, type, this.eventType, this.eventId);
		}
		return (T) cached(decoded);
	}

	private synchronized Object cached(Class<?> type) {
		if (type == this.firstClass) {
			return this.first;
		}
		Object result = (this.others != null) ? this.others.get(type) : null;
		if (result != null) {
			return result;
		}
		result = this.codec.decode(this.bytes, this.dtype, type, this.eventType, this.eventId);
		if (this.firstClass == null) {
			this.firstClass = type;
			this.first = result;
		}
		else {
			if (this.others == null) {
				this.others = new HashMap<>(4);
			}
			this.others.put(type, result);
		}
		return result;
	}
}
