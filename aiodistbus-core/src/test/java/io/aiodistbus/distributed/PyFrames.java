package io.aiodistbus.distributed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

import org.zeromq.ZMQ;

import io.aiodistbus.DropReason;

/**
 * Frames written the way Python aiodistbus writes them, independently of the library's encoder: JSON
 * with {@code ", "} and {@code ": "} separators, payload bytes as an array of integers, CRC-32 from
 * {@link CRC32} as four bytes big-endian. Also reads the captured frames of golden-frames.txt.
 */
final class PyFrames {

	private PyFrames() {
	}

	/** A bad message and the reason a receiver must drop it for. */
	record Bad(String name, List<byte[]> frames, DropReason reason) {

		@Override
		public String toString() {
			return this.name;
		}
	}

	/**
	 * @param topic the topic frame of every message (a subscribed one, so that a subscriber sees them)
	 * @return messages that pass no receiver's checks: wrong CRC, 2 and 4 frames, invalid JSON and
	 * invalid UTF-8 under a valid CRC, a topic frame that differs from the JSON's type
	 */
	static List<Bad> badFrames(String topic) {
		byte[] json = json(topic, utf8("\"x\""), "builtins.str");
		byte[] wrongCrc = crc(json);
		wrongCrc[3] ^= 1;
		byte[] truncated = utf8("{\"type\": \"" + topic + "\", \"data\": [34, 120");
		byte[] notUtf8 = concat(utf8("{\"type\": \"" + topic + "\", \"data\": [34, 120, 34], \"dtype\": \"builtins."),
				new byte[] { (byte) 0xc3, (byte) 0x28, (byte) 0xff },
				utf8("\", \"id\": \"a4abdd4f-ca89-42a7-b773-90f6044bc676\", \"timestamp\": \"2026-11-28T13:03:22.515057\"}"));
		// relayed, this would reach handlers of the topic that never subscribed to demo.sneaky
		byte[] sneaky = json("demo.sneaky", utf8("\"x\""), "builtins.str");
		byte[] topicFrame = utf8(topic);
		return List.of(new Bad("wrong CRC", List.of(topicFrame, json, wrongCrc), DropReason.CHECKSUM),
				new Bad("2 frames", List.of(topicFrame, json), DropReason.FRAME_COUNT),
				new Bad("4 frames", List.of(topicFrame, json, crc(json), utf8("extra")), DropReason.FRAME_COUNT),
				new Bad("invalid JSON, valid CRC", List.of(topicFrame, truncated, crc(truncated)), DropReason.JSON),
				new Bad("invalid UTF-8, valid CRC", List.of(topicFrame, notUtf8, crc(notUtf8)), DropReason.UTF8),
				new Bad("topic differs from type", List.of(topicFrame, sneaky, crc(sneaky)),
						DropReason.TOPIC_MISMATCH));
	}

	static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] result = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, result, at, part.length);
			at += part.length;
		}
		return result;
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** @return the CRC-32 of the bytes, four bytes big-endian */
	static byte[] crc(byte[] json) {
		CRC32 crc = new CRC32();
		crc.update(json);
		long value = crc.getValue();
		return new byte[] { (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value };
	}

	/** @return the event JSON as Python's dataclasses_json writes it */
	static byte[] json(String type, byte[] data, String dtype) {
		StringBuilder array = new StringBuilder("[");
		for (int i = 0; i < data.length; i++) {
			array.append((i > 0) ? ", " : "").append(data[i] & 0xff);
		}
		array.append(']');
		return utf8("{\"type\": \"" + type + "\", \"data\": " + array + ", \"dtype\": \"" + dtype + "\", \"id\": \""
				+ UUID.randomUUID() + "\", \"timestamp\": \"2026-11-28T13:03:22.515057\"}");
	}

	/** @return topic, JSON and CRC of a Python event */
	static List<byte[]> event(String type, byte[] data, String dtype) {
		byte[] json = json(type, data, dtype);
		return List.of(utf8(type), json, crc(json));
	}

	/** Sends a message of any number of frames. */
	static void send(ZMQ.Socket socket, List<byte[]> frames) {
		for (int i = 0; i < frames.size(); i++) {
			if (!socket.send(frames.get(i), (i < frames.size() - 1) ? ZMQ.SNDMORE : 0)) {
				throw new IllegalStateException("send failed: " + socket.errno());
			}
		}
	}

	/** @return every frame of the next message, or {@code null} if none arrived within the receive timeout */
	static List<byte[]> receive(ZMQ.Socket socket) {
		byte[] first = socket.recv(0);
		if (first == null) {
			return null;
		}
		List<byte[]> frames = new ArrayList<>();
		frames.add(first);
		while (socket.hasReceiveMore()) {
			frames.add(socket.recv(0));
		}
		return frames;
	}

	/**
	 * @param name the name after {@code FRAMES} in golden-frames.txt, such as {@code demo.text}
	 * @return the captured topic, JSON and CRC frames, exactly as Python sent them
	 */
	static List<byte[]> golden(String name) {
		try (InputStream in = PyFrames.class.getResourceAsStream("/golden-frames.txt");
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			List<String> lines = reader.lines().map(String::strip).toList();
			int at = lines.indexOf("FRAMES " + name);
			if (at < 0) {
				throw new IllegalArgumentException("no golden frames named " + name);
			}
			String topic = lines.get(at + 1).replaceFirst("^topic: b'(.*)'$", "$1");
			String json = lines.get(at + 2).replaceFirst("^json : ", "");
			String crc = lines.get(at + 3).replaceFirst("^crc  : ([0-9a-f]{8}).*$", "$1");
			return List.of(utf8(topic), utf8(json), java.util.HexFormat.of().parseHex(crc));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
