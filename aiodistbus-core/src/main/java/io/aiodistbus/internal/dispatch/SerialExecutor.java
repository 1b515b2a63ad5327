package io.aiodistbus.internal.dispatch;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on threads of a shared executor, so that a lane
 * keeps order without a thread of its own.
 */
public final class SerialExecutor implements Executor {

	private static final Logger logger = LoggerFactory.getLogger(SerialExecutor.class);

	private final Executor delegate;

	private final Queue<Runnable> tasks = new ArrayDeque<>();

	private boolean running;

	/**
	 * @param delegate the executor whose threads run the tasks
	 */
	public SerialExecutor(Executor delegate) {
		this.delegate = delegate;
	}

	@Override
	public void execute(Runnable task) {
		synchronized (this.tasks) {
			this.tasks.add(task);
			if (this.running) {
				return;
			}
			this.running = true;
		}
		try {
			this.delegate.execute(this::drain);
		}
		catch (RuntimeException ex) {
			synchronized (this.tasks) {
				this.running = false;
				this.tasks.clear();
			}
			throw ex;
		}
	}

	private void drain() {
		while (true) {
			Runnable task;
			synchronized (this.tasks) {
				task = this.tasks.poll();
				if (task == null) {
					this.running = false;
					return;
				}
			}
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.error("Task {} failed in a serial lane", task, ex);
			}
		}
	}
}
