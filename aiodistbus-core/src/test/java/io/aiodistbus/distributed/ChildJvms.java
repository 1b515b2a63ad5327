package io.aiodistbus.distributed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JVMs a test starts on its own class path, each writing its output to {@code <name>.log} in a folder
 * of the test's; {@link #close()} ends those still running.
 */
public final class ChildJvms implements AutoCloseable {

	private final Path logs;

	private final List<Process> processes = new ArrayList<>();

	/** @param logs where each JVM's output goes */
	public ChildJvms(Path logs) {
		this.logs = logs;
	}

	/** Starts a JVM running the main class with the arguments; its output goes to {@code <name>.log}. */
	public Process start(String name, Class<?> mainClass, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), mainClass.getName()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.logs.resolve(name + ".log").toFile())
			.start();
		this.processes.add(process);
		return process;
	}

	/** @return what the JVM of that name printed so far */
	public String log(String name) throws IOException {
		Path file = this.logs.resolve(name + ".log");
		return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
	}

	@Override
	public void close() {
		this.processes.forEach(Process::destroyForcibly);
	}
}
