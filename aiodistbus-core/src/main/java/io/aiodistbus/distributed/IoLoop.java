package io.aiodistbus.distributed;

import java.util.concurrent.TimeUnit;

import org.zeromq.ZMQ;

/**
 * The I/O loop the broker and the client share. It blocks on one socket, the busy one, rather than
 * polling all of them: a JeroMQ poll costs several system calls per wake-up, which on two cores showed
 * as most of the CPU per event. The other sockets and the timers are looked after every
 * {@link #HOUSEKEEPING_NANOS} when busy and at least every {@value #MAX_WAIT_MS} ms when idle. A
 * subclass says what its turns do; the loop runs on the thread that calls {@link #run()}.
 */
abstract class IoLoop implements Runnable {

	static final int MAX_WAIT_MS = 20;

	/** How often a busy I/O loop looks after its other sockets. */
	static final long HOUSEKEEPING_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	private static final int BATCH = 256;

	private final ZMQ.Socket busy;

	private final Engine.Reader reader;

	/** @param busy the socket to block on; used by the loop's thread only */
	IoLoop(ZMQ.Socket busy) {
		this.busy = busy;
		this.reader = new Engine.Reader(busy);
	}

	@Override
	public final void run() {
		long nextHousekeeping = System.nanoTime();
		int timeout = -1;
		try {
			while (running()) {
				long now = System.nanoTime();
				if (now - nextHousekeeping >= 0) {
					houseKeeping(now);
					nextHousekeeping = now + HOUSEKEEPING_NANOS;
				}
				int wait = waitMillis(nextDeadline(now));
				if (wait != timeout) {
					this.busy.setReceiveTimeOut(wait);
					timeout = wait;
				}
				readBatch();
			}
			stopped();
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
		finally {
			exit();
		}
	}

	/** Reads what the busy socket has, up to a batch, waiting for the first message only. */
	private void readBatch() {
		for (int n = 0; n < BATCH; n++) {
			if (!this.reader.read(n == 0)) {
				return;
			}
			received(this.reader);
		}
	}

	/**
	 * How long the loop may block on its busy socket before it looks after the others: until its next
	 * deadline, but at least 1 ms and at most {@value #MAX_WAIT_MS} ms, which bounds how late a
	 * handshake, a command or a close is seen.
	 * @param deadlineNanos the loop's next deadline, by {@link System#nanoTime()}
	 * @return the wait in milliseconds
	 */
	static int waitMillis(long deadlineNanos) {
		long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
		return (int) Math.max(1, Math.min(MAX_WAIT_MS, millis));
	}

	/** @return whether to take another turn; checked before each */
	abstract boolean running();

	/** Looks after everything but the busy socket; called every {@link #HOUSEKEEPING_NANOS} at most. */
	abstract void houseKeeping(long now);

	/**
	 * Runs what is due on every turn.
	 * @param now the turn's start, by {@link System#nanoTime()}
	 * @return the next deadline, which bounds the wait on the busy socket
	 */
	abstract long nextDeadline(long now);

	/** Handles one message of the busy socket; the reader holds it until the next is read. */
	abstract void received(Engine.Reader message);

	/** Called once {@link #running()} says stop, before {@link #exit()}. */
	void stopped() {
	}

	/** Called when a turn threw, before {@link #exit()}. */
	abstract void failed(RuntimeException ex);

	/** Called last, however the loop ended: closes the sockets. */
	abstract void exit();
}
