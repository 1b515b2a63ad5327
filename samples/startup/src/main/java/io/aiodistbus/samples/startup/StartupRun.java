package io.aiodistbus.samples.startup;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One start of {@link StartupApplication} in a JVM of its own, timed by Spring Boot's own line
 * "Started StartupApplication in N seconds (process running for M)". It is logged once the context
 * is refreshed and every lifecycle has started, so with the starter in client mode only after the
 * client has connected.
 *
 * @param startedIn N: from the start of {@code SpringApplication.run}, in seconds
 * @param uptime M: the JVM's uptime at that point, in seconds
 */
record StartupRun(double startedIn, double uptime) {

	private static final Pattern STARTED = Pattern
		.compile("Started StartupApplication in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private static final long LIMIT_SECONDS = 120;

	/**
	 * Starts the application with the class path of this JVM, waits for its line, then stops it, so
	 * that no two applications ever start at the same time.
	 * @param args the application's arguments
	 * @return its figures
	 * @throws IOException if the JVM cannot be started
	 * @throws InterruptedException if interrupted while waiting
	 */
	static StartupRun launch(List<String> args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-cp", System.getProperty("java.class.path"), StartupApplication.class.getName()));
		command.addAll(args);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> output = new CopyOnWriteArrayList<>();
		CompletableFuture<StartupRun> started = new CompletableFuture<>();
		// read on a thread of its own, so that an application that hangs cannot hang the comparison
		Thread reader = new Thread(() -> read(process, output, started), "startup-app-output");
		reader.setDaemon(true);
		reader.start();
		try {
			return started.get(LIMIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(
					"StartupApplication " + args + " never logged its start-up:\n" + String.join("\n", output), ex);
		}
		finally {
			stop(process);
		}
	}

	private static void read(Process process, List<String> output, CompletableFuture<StartupRun> started) {
		try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8)) {
			String line;
			while ((line = lines.readLine()) != null) {
				output.add(line);
				Matcher matcher = STARTED.matcher(line);
				if (matcher.find()) {
					started.complete(new StartupRun(Double.parseDouble(matcher.group(1)),
							Double.parseDouble(matcher.group(2))));
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
		started.completeExceptionally(new EOFException("the application's output ended"));
	}

	private static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
	}
}
