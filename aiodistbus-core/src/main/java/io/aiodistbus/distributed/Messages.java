package io.aiodistbus.distributed;

import org.zeromq.ZMQ;

import zmq.Msg;
import zmq.SocketBase;

/**
 * Reads whole messages as {@link Msg} frames, which can be checked and sent on without copying.
 */
final class Messages {

	private Messages() {
	}

	/**
	 * Reads one message without waiting, keeping its first three frames and draining the rest.
	 * @param socket the socket to read
	 * @param frames receives the first three frames
	 * @return the number of frames the message had, 0 if none was waiting
	 */
	static int read(SocketBase socket, Msg[] frames) {
		Msg first = socket.recv(ZMQ.DONTWAIT);
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
}
