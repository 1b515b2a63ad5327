package io.aiodistbus.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.aiodistbus.DropReason;

/**
 * Several native events of one type as one ZeroMQ frame, which a publisher sends when it emits faster
 * than its socket wakes up. Every hop then pays its per-message costs (a pipe entry, a wake-up, a
 * subscription match, a {@code Msg}) once per batch instead of once per event.
 * <pre>
 * topic      the events' type, UTF-8, no NUL       (first, so SUB prefix filtering works on it)
 * 0x00 0xAD 0x02                                   separator, magic, kind: a batch (1 is one event)
 * count      2 bytes, big-endian, at least 2
 * events     count times: 4 bytes of length, then a whole {@link NativeFrame} of the same type
 * </pre>
 * Each event keeps its own checksum, so a damaged event costs only itself, and a batch can be split
 * into plain native frames by copying byte ranges. The batch adds no checksum of its own: its lengths
 * are checked against the frame, and each event's checksum covers its type, which must be the batch's.
 */
public final class NativeBatch {

	/** The kind byte after the magic that marks a batch. */
	static final byte KIND = 2;

	/** Separator, magic, kind, count. */
	private static final int HEADER = 3 + 2;

	/**
	 * The most events in one batch; the count field would allow more. With the broker's queues of a
	 * sixteenth of their high-water mark in batches, it keeps what one queue can hold, and so lose at
	 * once, within the loss accounting's bound of ten times the default marks.
	 */
	public static final int MAX_EVENTS = 128;

	private NativeBatch() {
	}

	/**
	 * Tells a batch from a single native event or anything else by its marker, without checking it.
	 * @param frame a single-frame message
	 * @return whether it carries the batch marker
	 */
	public static boolean isBatch(byte[] frame) {
		int nul = NativeFrame.indexOfNul(frame, 0, frame.length);
		return nul > 0 && nul + HEADER <= frame.length && frame[nul + 1] == NativeFrame.MAGIC
				&& frame[nul + 2] == KIND;
	}

	/**
	 * Checks every event of a batch in place, as the broker does before relaying it untouched.
	 * @param batch the batch
	 * @param checker reused by one thread for its checksum state
	 * @return the number of events; the type is {@code batch[0, typeLength(batch))}
	 * @throws WireFormatException at the first event or length that is not valid
	 */
	public static int check(byte[] batch, NativeFrame.Checker checker) {
		return forEach(batch, checker, false, new Sink() {
			@Override
			public void event(int from, int to, WireEvent event) {
			}

			@Override
			public void invalid(WireFormatException ex) {
				throw ex;
			}
		});
	}

	/**
	 * @param batch a batch, checked or not
	 * @return the length of its type, before the NUL
	 */
	public static int typeLength(byte[] batch) {
		return NativeFrame.indexOfNul(batch, 0, batch.length);
	}

	/**
	 * Walks a batch's events, checking each, and reports each valid one (decoded when asked to) and each
	 * invalid one to the sink. After a length that does not fit the frame nothing more can be read: the
	 * rest is reported as one invalid part.
	 * @param batch the batch
	 * @param checker reused by one thread for its checksum state and recently seen strings
	 * @param decode whether to decode the valid events
	 * @param sink gets the events in batch order
	 * @return the number of events the batch announces
	 */
	public static int forEach(byte[] batch, NativeFrame.Checker checker, boolean decode, Sink sink) {
		int typeLength = NativeFrame.indexOfNul(batch, 0, batch.length);
		if (typeLength <= 0 || typeLength + HEADER > batch.length || batch[typeLength + 1] != NativeFrame.MAGIC
				|| batch[typeLength + 2] != KIND) {
			sink.invalid(new WireFormatException(DropReason.MALFORMED, "not a batch of native events", null, null));
			return 0;
		}
		int count = ((batch[typeLength + 3] & 0xff) << 8) | (batch[typeLength + 4] & 0xff);
		if (count < 2 || count > MAX_EVENTS) {
			sink.invalid(fail(batch, typeLength, "a batch of " + count + " events"));
			return 0;
		}
		int pos = typeLength + HEADER;
		for (int i = 0; i < count; i++) {
			if (pos + 4 > batch.length) {
				sink.invalid(fail(batch, typeLength, "the batch ends after " + i + " of its " + count + " events"));
				return count;
			}
			int length = ((batch[pos] & 0xff) << 24) | ((batch[pos + 1] & 0xff) << 16) | ((batch[pos + 2] & 0xff) << 8)
					| (batch[pos + 3] & 0xff);
			int from = pos + 4;
			if (length <= typeLength || length > batch.length - from) {
				sink.invalid(fail(batch, typeLength, "event " + (i + 1) + " of " + count + " has a length of "
						+ length + " that does not fit the batch"));
				return count;
			}
			int to = from + length;
			pos = to;
			if (!Arrays.equals(batch, 0, typeLength, batch, from, from + typeLength) || batch[from + typeLength] != 0) {
				sink.invalid(fail(batch, typeLength, "event " + (i + 1) + " is of another type than its batch"));
				continue;
			}
			try {
				if (decode) {
					sink.event(from, to, NativeFrame.decode(batch, from, to, checker));
				}
				else {
					NativeFrame.check(batch, from, to, checker);
					sink.event(from, to, null);
				}
			}
			catch (WireFormatException ex) {
				sink.invalid(ex);
			}
		}
		if (pos != batch.length) {
			sink.invalid(fail(batch, typeLength, (batch.length - pos) + " bytes after the last event of the batch"));
		}
		return count;
	}

	private static WireFormatException fail(byte[] batch, int typeLength, String detail) {
		return new WireFormatException(DropReason.MALFORMED, detail,
				new String(batch, 0, typeLength, StandardCharsets.UTF_8), null);
	}

	/** What {@link #forEach} reports. */
	public interface Sink {

		/**
		 * A valid event.
		 * @param from where its native frame starts in the batch
		 * @param to where it ends (exclusive)
		 * @param event the decoded event, {@code null} when not asked to decode
		 */
		void event(int from, int to, WireEvent event);

		/**
		 * An event, or the rest of the batch, that is not valid.
		 * @param ex what is wrong with it
		 */
		void invalid(WireFormatException ex);
	}

	/**
	 * Collects native frames of one type into a batch; used by one thread at a time.
	 */
	public static final class Builder {

		private final byte[][] frames = new byte[MAX_EVENTS][];

		private int count;

		private int bytes;

		private int topicLength;

		private int limit;

		/**
		 * @param limit the largest message to build, in bytes
		 */
		public Builder(int limit) {
			this.limit = limit;
		}

		/** @param limit the largest message to build from now on, in bytes */
		public void limit(int limit) {
			this.limit = limit;
		}

		/** @return the largest message this builds, in bytes */
		public int limit() {
			return this.limit;
		}

		/** @return the number of events collected */
		public int count() {
			return this.count;
		}

		/** @return whether no event is collected */
		public boolean isEmpty() {
			return this.count == 0;
		}

		/**
		 * @param topic the next event's type, UTF-8
		 * @param frame its native frame
		 * @return whether it can join the events collected: same type, and room left
		 */
		public boolean accepts(byte[] topic, byte[] frame) {
			if (this.count == 0) {
				return HEADER + topic.length + 4 + frame.length <= this.limit;
			}
			return this.count < MAX_EVENTS && this.bytes + 4 + frame.length <= this.limit
					&& Arrays.equals(this.frames[0], 0, this.topicLength, topic, 0, topic.length);
		}

		/**
		 * Adds an event that {@link #accepts} takes.
		 * @param topic its type, UTF-8
		 * @param frame its native frame, which starts with the type
		 * @return whether the batch holds as many events as it may now
		 */
		public boolean add(byte[] topic, byte[] frame) {
			if (this.count == 0) {
				this.topicLength = topic.length;
				this.bytes = topic.length + HEADER;
			}
			this.frames[this.count++] = frame;
			this.bytes += 4 + frame.length;
			return this.count == MAX_EVENTS;
		}

		/**
		 * Takes the events collected as one message, and starts over.
		 * @return a batch, or the one event's own native frame when there is only one
		 */
		public byte[] take() {
			byte[] message;
			if (this.count == 1) {
				message = this.frames[0];
			}
			else {
				message = new byte[this.bytes];
				byte[] first = this.frames[0];
				System.arraycopy(first, 0, message, 0, this.topicLength);
				int pos = this.topicLength;
				message[pos++] = 0;
				message[pos++] = NativeFrame.MAGIC;
				message[pos++] = KIND;
				message[pos++] = (byte) (this.count >>> 8);
				message[pos++] = (byte) this.count;
				for (int i = 0; i < this.count; i++) {
					byte[] frame = this.frames[i];
					message[pos++] = (byte) (frame.length >>> 24);
					message[pos++] = (byte) (frame.length >>> 16);
					message[pos++] = (byte) (frame.length >>> 8);
					message[pos++] = (byte) frame.length;
					System.arraycopy(frame, 0, message, pos, frame.length);
					pos += frame.length;
				}
			}
			Arrays.fill(this.frames, 0, this.count, null);
			this.count = 0;
			this.bytes = 0;
			return message;
		}
	}
}
