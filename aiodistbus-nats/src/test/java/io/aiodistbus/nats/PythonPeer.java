package io.aiodistbus.nats;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

import org.awaitility.Awaitility;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A raw peer on a ZeroMQ broker speaking Python aiodistbus's three frames, written independently of the
 * library's codec, as Python writes them (JSON with {@code ", "} separators, the payload as an array of
 * integers, CRC-32 big-endian): a PUSH to the broker's collect port and a SUB on its publish port,
 * subscribed to everything as Python's {@code on("*")}.
 */
public final class PythonPeer implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final ZContext zmq = new ZContext();

	private final ZMQ.Socket push;

	private final ZMQ.Socket sub;

	/** One event as the peer received it. */
	public record Received(String type, String dtype, String id, byte[] data) {
	}

	/**
	 * @param port the broker's handshake port; publish is the next, collect the one after
	 */
	public PythonPeer(int port) {
		this.push = this.zmq.createSocket(SocketType.PUSH);
		this.push.setLinger(0);
		this.push.connect("tcp://127.0.0.1:" + (port + 2));
		this.sub = this.zmq.createSocket(SocketType.SUB);
		this.sub.setLinger(0);
		this.sub.setReceiveTimeOut(100);
		this.sub.subscribe(new byte[0]);
		this.sub.connect("tcp://127.0.0.1:" + (port + 1));
	}

	/**
	 * Sends an event in Python's frames.
	 * @param type the event type
	 * @param data the payload bytes (JSON, or the bytes themselves for {@code builtins.bytes})
	 * @param dtype the dtype
	 * @return the event id
	 */
	public String send(String type, byte[] data, String dtype) {
		String id = UUID.randomUUID().toString();
		StringBuilder array = new StringBuilder("[");
		for (int i = 0; i < data.length; i++) {
			array.append((i > 0) ? ", " : "").append(data[i] & 0xff);
		}
		array.append(']');
		byte[] json = ("{\"type\": \"" + type + "\", \"data\": " + array + ", \"dtype\": \"" + dtype + "\", \"id\": \""
				+ id + "\", \"timestamp\": \"2026-12-06T13:03:22.515057\"}").getBytes(StandardCharsets.UTF_8);
		CRC32 crc = new CRC32();
		crc.update(json);
		long value = crc.getValue();
		this.push.sendMore(type.getBytes(StandardCharsets.UTF_8));
		this.push.sendMore(json);
		this.push.send(new byte[] { (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value });
		return id;
	}

	/**
	 * @return the events that arrived since the last call, each checked to be three frames with a
	 * matching CRC-32, within the receive timeout of the first
	 */
	public List<Received> receive() {
		List<Received> events = new ArrayList<>();
		for (byte[] topic = this.sub.recv(0); topic != null; topic = this.sub.recv(ZMQ.DONTWAIT)) {
			List<byte[]> frames = new ArrayList<>(List.of(topic));
			while (this.sub.hasReceiveMore()) {
				frames.add(this.sub.recv(0));
			}
			events.add(check(frames));
		}
		return events;
	}

	/**
	 * Receives until an event of the type has arrived, within Awaitility's default timeout: as a barrier,
	 * what reached the peer's broker before that event has arrived too.
	 * @param into where every event received meanwhile is added
	 * @param type the type to wait for
	 * @param eachTry run before each try, as emitting the event again while the peer's subscription is
	 * still on its way to the broker
	 */
	public void receiveUntil(List<Received> into, String type, Runnable eachTry) {
		Awaitility.await("an event of type " + type + " at the Python peer").until(() -> {
			eachTry.run();
			into.addAll(receive());
			return into.stream().anyMatch((event) -> event.type().equals(type));
		});
	}

	private static Received check(List<byte[]> frames) {
		if (frames.size() != 3) {
			throw new AssertionError("a Python peer got " + frames.size() + " frames");
		}
		CRC32 crc = new CRC32();
		crc.update(frames.get(1));
		long value = crc.getValue();
		byte[] expected = { (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value };
		if (!java.util.Arrays.equals(expected, frames.get(2))) {
			throw new AssertionError("CRC-32 does not match");
		}
		try {
			JsonNode event = JSON.readTree(frames.get(1));
			String type = event.get("type").asText();
			if (!type.equals(new String(frames.get(0), StandardCharsets.UTF_8))) {
				throw new AssertionError("topic frame differs from type " + type);
			}
			JsonNode array = event.get("data");
			byte[] data = new byte[array.size()];
			for (int i = 0; i < data.length; i++) {
				data[i] = (byte) array.get(i).asInt();
			}
			return new Received(type, event.get("dtype").asText(), event.get("id").asText(), data);
		}
		catch (java.io.IOException ex) {
			throw new AssertionError("not JSON", ex);
		}
	}

	@Override
	public void close() {
		this.zmq.close();
	}
}
