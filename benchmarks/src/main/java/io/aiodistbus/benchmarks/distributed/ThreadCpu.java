package io.aiodistbus.benchmarks.distributed;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time by thread, grouped by name with the numbers taken out (all {@code aiodistbus-client-N-io}
 * threads are one group), and of the {@linkplain ServerProcess servers} the benchmark runs in
 * processes of their own (to the operating system's clock tick, 10 ms on Linux). Wall-clock figures on a shared 2-core machine swing with the others' load;
 * CPU time per event says where our own time goes, and barely moves with it.
 */
public final class ThreadCpu {

	private final Map<Long, Long> nanosById;

	private final Map<Long, String> groupById;

	private final long allocatedBytes;

	private ThreadCpu(Map<Long, Long> nanosById, Map<Long, String> groupById, long allocatedBytes) {
		this.nanosById = nanosById;
		this.groupById = groupById;
		this.allocatedBytes = allocatedBytes;
	}

	/** @return the CPU time of every live thread now */
	public static ThreadCpu snapshot() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<Long, Long> nanos = new HashMap<>();
		Map<Long, String> groups = new HashMap<>();
		if (!threads.isThreadCpuTimeSupported()) {
			return new ThreadCpu(nanos, groups, -1);
		}
		long allocated = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info == null) {
				continue;
			}
			long cpu = threads.getThreadCpuTime(info.getThreadId());
			if (cpu >= 0) {
				nanos.put(info.getThreadId(), cpu);
				groups.put(info.getThreadId(), group(info.getThreadName()));
			}
			if (threads instanceof com.sun.management.ThreadMXBean sun) {
				allocated += Math.max(0, sun.getThreadAllocatedBytes(info.getThreadId()));
			}
		}
		for (ServerProcess server : ServerProcess.live()) {
			// a server of another project does in its own process what our broker does on threads of this JVM
			server.handle().info().totalCpuDuration().ifPresent((cpu) -> {
				nanos.put(-server.handle().pid(), cpu.toNanos());
				groups.put(-server.handle().pid(), server.name() + " (process)");
			});
		}
		return new ThreadCpu(nanos, groups, allocated);
	}

	private static String group(String name) {
		return name.replaceAll("[0-9]+", "N");
	}

	/**
	 * @param later a later snapshot
	 * @return bytes allocated in between by the threads alive at both snapshots
	 */
	public long allocatedUntil(ThreadCpu later) {
		return later.allocatedBytes - this.allocatedBytes;
	}

	/**
	 * @param later a later snapshot
	 * @return CPU nanoseconds spent in between, by thread group (threads that died in between are lost)
	 */
	public Map<String, Long> until(ThreadCpu later) {
		Map<String, Long> result = new TreeMap<>();
		for (Map.Entry<Long, Long> entry : later.nanosById.entrySet()) {
			long before = this.nanosById.getOrDefault(entry.getKey(), 0L);
			long spent = entry.getValue() - before;
			if (spent > 0) {
				result.merge(later.groupById.get(entry.getKey()), spent, Long::sum);
			}
		}
		return result;
	}
}
