package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.zeromq.ZMQ;

import io.aiodistbus.DropReason;
import io.aiodistbus.internal.wire.EventFrames;
import io.aiodistbus.internal.wire.NativeBatch;
import io.aiodistbus.internal.wire.NativeFrame;
import io.aiodistbus.internal.wire.NativeRouted;
import io.aiodistbus.internal.wire.WireEvent;
import io.aiodistbus.internal.wire.WireFormatException;
import zmq.Msg;
import zmq.SocketBase;
import zmq.io.mechanism.curve.Curve;
import zmq.msg.MsgAllocator;

/**
 * Every use of JeroMQ's engine ({@code zmq.*}) rather than its API ({@code org.zeromq.*}): reading
 * and relaying frames without copying them, allocating frames, and the CURVE box. The engine changes
 * between JeroMQ releases without notice, so it is reached from here only (the architecture test
 * says so).
 */
final class Engine {

	/** JeroMQ's protocol error code for a CURVE box that does not decrypt. */
	static final int PROTOCOL_ERROR_CRYPTOGRAPHIC = zmq.ZMQ.ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC;

	private Engine() {
	}

	/**
	 * Generates a CURVE key pair with the engine's own NaCl, for checks that need a pair of their own.
	 * @return the public key and the secret key, 32 bytes each
	 */
	static byte[][] curveKeyPair() {
		return new Curve().keypair();
	}

	/**
	 * Boxes a plaintext with NaCl's {@code crypto_box} (as CURVE does) from one key pair's secret
	 * key to another's public key.
	 * @param plaintext the plaintext, its first 32 bytes zero as NaCl wants
	 * @param nonce the nonce, 24 bytes
	 * @param publicKey the receiver's public key
	 * @param secretKey the sender's secret key
	 * @return the box, as long as the plaintext
	 */
	static byte[] curveBox(byte[] plaintext, byte[] nonce, byte[] publicKey, byte[] secretKey) {
		byte[] box = new byte[plaintext.length];
		new Curve().box(box, plaintext, plaintext.length, nonce, publicKey, secretKey);
		return box;
	}

	/**
	 * Reads whole messages from one socket as the engine's frames, which can be checked and sent on
	 * without copying. Keeps the first three frames of the last message read; used by one thread.
	 */
	static final class Reader {

		private final SocketBase socket;

		private final Msg[] frames = new Msg[EventFrames.FRAME_COUNT];

		private int count;

		private final NativeFrame.Checker checker = new NativeFrame.Checker();

		Reader(ZMQ.Socket socket) {
			this.socket = socket.base();
		}

		/** @return whether the message read last is one frame in the native format (not yet checked) */
		boolean isNative() {
			return this.count == 1 && NativeFrame.isNative(this.frames[0].data());
		}

		/** @return whether the message read last is one frame routed to a group member (not yet checked) */
		boolean isRouted() {
			return this.count == 1 && NativeRouted.isRouted(this.frames[0].data());
		}

		/** @return whether the message read last is one frame holding a batch of native events (not yet checked) */
		boolean isNativeBatch() {
			return this.count == 1 && NativeBatch.isBatch(this.frames[0].data());
		}

		/**
		 * Checks the events of the native batch read last in place, without decoding them.
		 * @return how many there are
		 * @throws WireFormatException at the first that is not valid
		 */
		int checkBatch() {
			return NativeBatch.check(this.frames[0].data(), this.checker);
		}

		/**
		 * Walks the events of the native batch read last, decoding the valid ones.
		 * @param sink gets each event, or what is wrong with it
		 */
		void forEachInBatch(NativeBatch.Sink sink) {
			NativeBatch.forEach(this.frames[0].data(), this.checker, true, sink);
		}

		/** @return the first frame of the message read last: the topic of a Python-format one */
		byte[] firstFrame() {
			return this.frames[0].data();
		}

		/** @return the one frame of a native message read last */
		byte[] nativeFrame() {
			return this.frames[0].data();
		}

		/**
		 * Checks the native message read last in place, without decoding it.
		 * @return the length of its type, at the frame's start
		 * @throws WireFormatException if it is not a valid native event
		 */
		int checkNative() {
			return NativeFrame.check(this.frames[0].data(), this.checker);
		}

		/**
		 * Reads one message, keeping its first three frames and draining the rest.
		 * @param wait whether to wait for a message, up to the socket's receive timeout
		 * @return whether a message came
		 */
		boolean read(boolean wait) {
			Msg first = this.socket.recv(wait ? 0 : ZMQ.DONTWAIT);
			if (first == null) {
				// the frames of the message before go with the batch, as large as they may be
				Arrays.fill(this.frames, null);
				this.count = 0;
				return false;
			}
			this.frames[0] = first;
			int count = 1;
			Msg last = first;
			while (last.hasMore()) {
				last = this.socket.recv(0);
				if (count < this.frames.length) {
					this.frames[count] = last;
				}
				count++;
			}
			this.count = count;
			return true;
		}

		/**
		 * Decodes the message read last, in either format, checking its frame count first, so that the
		 * broker and the client reject bad input the same way.
		 * @return the event
		 * @throws WireFormatException if the message is not a valid event
		 */
		WireEvent decode() {
			if (this.count == 1) {
				// the native format's one frame; anything else of one frame is refused as a frame count
				return NativeFrame.decode(this.frames[0].data(), this.checker);
			}
			if (this.count != EventFrames.FRAME_COUNT) {
				throw new WireFormatException(DropReason.FRAME_COUNT, "expected 3 frames, got " + this.count, topic(),
						null);
			}
			return EventFrames.decode(this.frames[0].data(), this.frames[1].data(), this.frames[2].data());
		}

		/** @return the first frame of the message read last, as text */
		String topic() {
			return new String(this.frames[0].data(), StandardCharsets.UTF_8);
		}

		/** Sends copies of the frames of the message read last, which stay this reader's to send. */
		void copyTo(ZMQ.Socket socket) {
			for (int i = 0; i < this.count && i < this.frames.length; i++) {
				socket.send(this.frames[i].data(), (i < this.count - 1) ? ZMQ.SNDMORE : 0);
			}
		}

		/** Sends the frames of the message read last (one or three), as they are, on another socket. */
		void sendTo(ZMQ.Socket socket) {
			if (this.count == 1) {
				socket.base().send(this.frames[0], 0);
				return;
			}
			SocketBase out = socket.base();
			out.send(this.frames[0], ZMQ.SNDMORE);
			out.send(this.frames[1], ZMQ.SNDMORE);
			out.send(this.frames[2], 0);
		}
	}

	/**
	 * Allocates each frame JeroMQ's decoder has read the header of. JeroMQ 0.6.0 compares the
	 * header's 64-bit size with the socket's limit as a signed number, then casts it to an int: a size
	 * of {@code 0xFFFFFFFF60000000} passes a limit of 1 KiB and asks for 1.6 GB, others ask for a
	 * negative size, and either killed the I/O thread. Such a frame gets an empty message instead; the
	 * decoder goes on, a handshake or CURVE box that is empty fails, and the connection is dropped
	 * (at the latest by the handshake interval). Called on JeroMQ's I/O thread.
	 */
	static final class FrameAllocator implements MsgAllocator {

		private final long maxSize;

		private final DropCounters drops;

		private final DropLog dropLog;

		/**
		 * @param maxSize the largest frame, in bytes
		 * @param drops counts each frame refused, as {@link DropReason#OVERSIZE}
		 * @param dropLog logs it
		 */
		FrameAllocator(long maxSize, DropCounters drops, DropLog dropLog) {
			this.maxSize = maxSize;
			this.drops = drops;
			this.dropLog = dropLog;
		}

		long maxSize() {
			return this.maxSize;
		}

		@Override
		public Msg allocate(int size) {
			if (size < 0 || size > this.maxSize) {
				this.drops.increment(DropReason.OVERSIZE);
				this.dropLog.dropped(DropReason.OVERSIZE, "(not read)", "a peer announced a frame of " + size
						+ " bytes, more than the limit of " + this.maxSize + "; its connection goes");
				return new Msg(0);
			}
			return zmq.ZMQ.DEFAULT_MSG_ALLOCATOR.allocate(size);
		}
	}
}
