package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.zeromq.ZMQ;

import io.aiodistbus.DropReason;
import io.aiodistbus.internal.wire.EventFrames;
import io.aiodistbus.internal.wire.WireEvent;
import io.aiodistbus.internal.wire.WireFormatException;
import zmq.Msg;
import zmq.SocketBase;

/**
 * Reads whole messages as {@link Msg} frames, which can be checked and sent on without copying, and
 * sets how long an I/O loop waits on its busy socket.
 */
final class Messages {

	private Messages() {
	}

	/**
	 * Reads one message, keeping its first three frames and draining the rest.
	 * @param socket the socket to read
	 * @param frames receives the first three frames
	 * @param wait whether to wait for a message, up to the socket's receive timeout
	 * @return the number of frames the message had, 0 if none came
	 */
	static int read(SocketBase socket, Msg[] frames, boolean wait) {
		Msg first = socket.recv(wait ? 0 : ZMQ.DONTWAIT);
		if (first == null) {
			return 0;
		}
		frames[0] = first;
		int count = 1;
		Msg last = first;
		while (last.hasMore()) {
			last = socket.recv(0);
			if (count < frames.length) {
				frames[count] = last;
			}
			count++;
		}
		return count;
	}

	/**
	 * How long an I/O loop may block on its busy socket before it looks after the others: until its
	 * next deadline, but at least 1 ms and at most {@value #MAX_WAIT_MS} ms, which bounds how late a
	 * handshake, a command or a close is seen.
	 * @param deadlineNanos the loop's next deadline, by {@link System#nanoTime()}
	 * @return the wait in milliseconds
	 */
	static int waitMillis(long deadlineNanos) {
		long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
		return (int) Math.max(1, Math.min(MAX_WAIT_MS, millis));
	}

	/**
	 * Decodes a message read by {@link #read}, checking its frame count first, so that the broker and
	 * the client reject bad input the same way.
	 * @param frames the frames {@link #read} kept
	 * @param count the number of frames the message had
	 * @return the event
	 * @throws WireFormatException if the message is not a valid event
	 */
	static WireEvent decode(Msg[] frames, int count) {
		if (count != EventFrames.FRAME_COUNT) {
			throw new WireFormatException(DropReason.FRAME_COUNT, "expected 3 frames, got " + count,
					new String(frames[0].data(), StandardCharsets.UTF_8), null);
		}
		return EventFrames.decode(frames[0].data(), frames[1].data(), frames[2].data());
	}

	static final int MAX_WAIT_MS = 20;

	/** How often a busy I/O loop looks after its other sockets. */
	static final long HOUSEKEEPING_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
}
