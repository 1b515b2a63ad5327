package io.aiodistbus.benchmarks.distributed;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.zeromq.ZMQ;

import io.aiodistbus.benchmarks.Tick;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.Event;
import io.aiodistbus.internal.wire.EventFrames;
import io.aiodistbus.internal.wire.NativeFrame;
import io.aiodistbus.internal.wire.WireEvent;

/**
 * What the baselines do per message at the ends, the same as our client does: build an event, encode
 * it with our wire codec (in Python's three frames, or in the native format's one), and at the other
 * end check the frames and decode the payload to the record.
 */
final class TickFrames {

	private static final PayloadCodec CODEC = PayloadCodec.shared();

	private static final String DTYPE = CODEC.dtypeOf(Tick.of(0, 0, 0));

	private static final ThreadLocal<NativeFrame.Checker> CHECKERS = ThreadLocal.withInitial(NativeFrame.Checker::new);

	private TickFrames() {
	}

	/** Sends a tick as the one frame of an event in the native format, as our clients do between them. */
	static void sendNative(ZMQ.Socket socket, String type, Tick tick) {
		Event event = Event.of(type, tick, DTYPE);
		socket.send(NativeFrame.write(type.getBytes(StandardCharsets.UTF_8), CODEC.encode(tick), DTYPE, event.id(),
				event.timestampText(), null, 0, Map.of()));
	}

	/** Sends a tick as the three frames of an event. */
	static void send(ZMQ.Socket socket, String type, Tick tick) {
		byte[][] frames = EventFrames.encode(Event.of(type, tick, DTYPE), CODEC);
		socket.sendMore(frames[0]);
		socket.sendMore(frames[1]);
		socket.send(frames[2]);
	}

	/**
	 * Receives one event in either format and decodes its tick.
	 * @return the tick, or {@code null} when the receive timed out
	 */
	static Tick receive(ZMQ.Socket socket) {
		byte[] topic = socket.recv(0);
		if (topic == null) {
			return null;
		}
		WireEvent wire;
		if (socket.hasReceiveMore()) {
			byte[] json = socket.recv(0);
			byte[] crc = socket.recv(0);
			wire = EventFrames.decode(topic, json, crc);
		}
		else {
			wire = NativeFrame.decode(topic, CHECKERS.get());
		}
		return CODEC.decode(wire.data(), wire.dtype(), Tick.class, wire.type(), wire.id());
	}
}
