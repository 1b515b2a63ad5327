package io.aiodistbus.nats;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class NatsServerProcessTests {

	@AfterEach
	void clearProperty() {
		System.clearProperty(NatsServerProcess.EXECUTABLE_PROPERTY);
	}

	@Test
	void propertyShouldNameTheExecutable() {
		Path found = NatsServerProcess.executable();
		System.setProperty(NatsServerProcess.EXECUTABLE_PROPERTY, found.toString());
		try (NatsServerProcess server = NatsServerProcess.start()) {
			assertThat(server.isAlive()).isTrue();
		}
	}

	@Test
	void propertyNamingNoExecutableShouldFailClearly(@TempDir Path directory) throws Exception {
		Path notExecutable = Files.createFile(directory.resolve("nats-server"));
		System.setProperty(NatsServerProcess.EXECUTABLE_PROPERTY, notExecutable.toString());
		assertThatIllegalStateException().isThrownBy(NatsServerProcess::start)
			.withMessageContaining(notExecutable.toString())
			.withMessageContaining("not an executable file");
	}

	@Test
	void serverShouldEndOnClose() {
		NatsServerProcess server = NatsServerProcess.start();
		server.close();
		assertThat(server.isAlive()).isFalse();
	}

}
