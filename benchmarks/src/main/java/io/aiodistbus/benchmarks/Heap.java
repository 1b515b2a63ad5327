package io.aiodistbus.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Live heap after full collections, and bytes allocated by every thread. */
final class Heap {

	private Heap() {
	}

	/** @return the used heap after three collections, in bytes: what is still reachable */
	static long liveBytes() {
		for (int i = 0; i < 3; i++) {
			System.gc();
			sleep(100);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * @return bytes allocated so far by the threads alive now, or -1 where the JVM cannot say. Threads
	 * that die in between take their count with them, so measure across threads that live throughout.
	 */
	static long allocatedBytes() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		if (!(threads instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemoryEnabled()) {
			return -1;
		}
		long total = 0;
		for (long bytes : sun.getThreadAllocatedBytes(threads.getAllThreadIds())) {
			if (bytes > 0) {
				total += bytes;
			}
		}
		return total;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
