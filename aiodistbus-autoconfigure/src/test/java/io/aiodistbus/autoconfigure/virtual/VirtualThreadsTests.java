package io.aiodistbus.autoconfigure.virtual;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code spring.threads.virtual.enabled} on Java 21 or later, concurrent {@code @EventHandler}s run
 * on virtual threads. The build targets Java 17, so the application runs on a Java 21+ JDK of this
 * machine in a JVM of its own (this kind of machine has Temurin's under {@code /usr/lib/jvm}).
 */
class VirtualThreadsTests {

	@Test
	void concurrentHandlersRunOnVirtualThreadsWhenTheApplicationAsks() throws Exception {
		Path java = java21().orElseThrow(() -> new AssertionError(
				"no JDK 21 or later found (java.home, or /usr/lib/jvm/*/bin/java): virtual threads need one"));
		Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				VirtualThreadsApplication.class.getName())
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the application finished").isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(output).contains("VIRTUAL true");
	}

	private static Optional<Path> java21() throws IOException {
		if (Runtime.version().feature() >= 21) {
			return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
		}
		Path jvms = Path.of("/usr/lib/jvm");
		if (!Files.isDirectory(jvms)) {
			return Optional.empty();
		}
		try (Stream<Path> homes = Files.list(jvms)) {
			return homes.filter((home) -> feature(home) >= 21)
				.max(Comparator.comparingInt(VirtualThreadsTests::feature))
				.map((home) -> home.resolve("bin").resolve("java"));
		}
	}

	/** @return the Java feature version of a JDK home, from its release file; 0 if unknown */
	private static int feature(Path home) {
		Path release = home.resolve("release");
		if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
			return 0;
		}
		try {
			for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
				if (line.startsWith("JAVA_VERSION=")) {
					String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
					return Integer.parseInt(version.split("[.+-]")[0]);
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			return 0;
		}
		return 0;
	}
}
