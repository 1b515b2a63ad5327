package io.aiodistbus.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * What a client sends in the native format: each event on its own while emits are sparse, and
 * batches of one type ({@link NativeBatch}) while they come in bursts. The ZeroMQ client pushes them
 * to the broker, the NATS entry point publishes them.
 *
 * <h2>Why and when it batches</h2>
 * Every message costs each hop a fixed price (on ZeroMQ a pipe entry and, when the next thread sleeps,
 * a wake-up; on NATS a protocol line to write, parse and route, and a dispatcher hand-off): on two cores
 * that, not the bytes, is most of an event's cost. An emit that follows the one before by less
 * than a gap ({@link #BURST_GAP_NANOS} on ZeroMQ) joins a batch instead of going out; the first event of a batch wakes a
 * flusher thread, which sends whatever has collected by the time it runs, and an emit sends the batch
 * itself once it is full or the next event does not fit (another type, or no room). So an event waits
 * at most for the flusher to be scheduled, and only in a burst; a sparse emit goes out at once, as
 * before. Batches keep emit order: a batch goes out before any event emitted after it.
 *
 * <h2>Threads</h2>
 * Everything but the flusher's loop runs under the lock the client's emitting threads share, the lock
 * that also guards the socket; so does each of the flusher's turns.
 */
public final class Outbox {

	/** The ZeroMQ client's gap: emits closer together than this are a burst and are batched. */
	public static final long BURST_GAP_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

	/**
	 * The ZeroMQ client's largest batch: a few of JeroMQ's 8 KiB socket writes, and far below the default
	 * message size limit (a smaller limit of the broker or the client lowers it).
	 */
	public static final int MAX_BATCH_BYTES = 16 * 1024;

	/** Sends one message, an event or a batch; called under the lock. */
	public interface Socket {

		/**
		 * @param message a native frame or batch, which starts with its type's UTF-8 and a NUL
		 * @return {@code false} if the transport refused it (its queue full, or closed)
		 */
		boolean send(byte[] message);
	}

	/** Hears of the events of a batch the socket refused; called under the lock. */
	public interface Refused {

		/**
		 * @param events how many events the batch held
		 * @param type their type
		 */
		void refused(int events, String type);
	}

	private final Object lock;

	private final Socket socket;

	private final Refused refused;

	private final long gapNanos;

	private final int maxBatchBytes;

	private final NativeBatch.Builder batch;

	private final Thread flusher;

	private final LongSupplier clock;

	private long lastOfferNanos;

	private volatile boolean closed;

	/**
	 * An outbox with the ZeroMQ client's gap and largest batch.
	 * @param lock the lock every call but the flusher's loop is made under
	 * @param socket sends a message
	 * @param refused hears of refused batches
	 * @param threadName the flusher's name
	 * @param clock the time in nanoseconds, as {@link System#nanoTime()} tells it
	 */
	public Outbox(Object lock, Socket socket, Refused refused, String threadName, LongSupplier clock) {
		this(lock, socket, refused, threadName, clock, BURST_GAP_NANOS, MAX_BATCH_BYTES);
	}

	/**
	 * @param lock the lock every call but the flusher's loop is made under
	 * @param socket sends a message
	 * @param refused hears of refused batches
	 * @param threadName the flusher's name
	 * @param clock the time in nanoseconds, as {@link System#nanoTime()} tells it
	 * @param gapNanos emits closer together than this are a burst, and an event of a burst waits about
	 * this long for its batch to fill
	 * @param maxBatchBytes the largest batch
	 */
	public Outbox(Object lock, Socket socket, Refused refused, String threadName, LongSupplier clock, long gapNanos,
			int maxBatchBytes) {
		this.lock = lock;
		this.socket = socket;
		this.refused = refused;
		this.clock = clock;
		this.gapNanos = gapNanos;
		this.maxBatchBytes = maxBatchBytes;
		this.batch = new NativeBatch.Builder(maxBatchBytes);
		this.lastOfferNanos = clock.getAsLong() - gapNanos;
		this.flusher = new Thread(this::flushLoop, threadName);
		this.flusher.setDaemon(true);
	}

	/** Starts the flusher thread. */
	public void start() {
		this.flusher.start();
	}

	/**
	 * Lowers the largest batch, for a broker or client whose messages must be smaller.
	 * @param maxMessageSize the largest message allowed, in bytes
	 */
	public void limit(long maxMessageSize) {
		this.batch.limit((int) Math.min(this.maxBatchBytes, maxMessageSize));
	}

	/**
	 * Sends an event, or collects it into the batch of a burst; under the lock.
	 * @param topic the event type, UTF-8
	 * @param frame its native frame
	 * @return {@code false} if the event went out on its own and the socket refused it
	 */
	public boolean offer(byte[] topic, byte[] frame) {
		long now = this.clock.getAsLong();
		boolean burst = now - this.lastOfferNanos < this.gapNanos;
		this.lastOfferNanos = now;
		NativeBatch.Builder batch = this.batch;
		if (!batch.isEmpty() && !batch.accepts(topic, frame)) {
			flush();
		}
		if (batch.isEmpty() && (!burst || !batch.accepts(topic, frame))) {
			return this.socket.send(frame);
		}
		if (batch.add(topic, frame) || !burst) {
			// full, or the burst is over: no reason to wait for the flusher
			flush();
		}
		else if (batch.count() == 1) {
			LockSupport.unpark(this.flusher);
		}
		return true;
	}

	/** Sends what has collected, if anything; under the lock. */
	public void flush() {
		if (this.batch.isEmpty()) {
			return;
		}
		int count = this.batch.count();
		byte[] message = this.batch.take();
		if (!this.socket.send(message)) {
			this.refused.refused(count,
					new String(message, 0, NativeBatch.typeLength(message), StandardCharsets.UTF_8));
		}
	}

	/** Sends what has collected and stops the flusher; under the lock. */
	public void close() {
		flush();
		this.closed = true;
		LockSupport.unpark(this.flusher);
	}

	private void flushLoop() {
		while (!this.closed) {
			LockSupport.park(this);
			// a burst goes on: let the batch grow for as long as one gap between emits of a burst
			LockSupport.parkNanos(this, this.gapNanos);
			synchronized (this.lock) {
				flush();
			}
		}
	}
}
