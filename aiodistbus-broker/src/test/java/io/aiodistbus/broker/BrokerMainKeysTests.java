package io.aiodistbus.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.CurveKeyPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerMainKeysTests {

	@TempDir
	Path dir;

	private String generate(String... args) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		BrokerMain.generateKeys(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
		return bytes.toString(StandardCharsets.UTF_8);
	}

	@Test
	void generatedKeysPrintInAFormatThatReadsBack() throws IOException {
		Path file = this.dir.resolve("printed");
		Files.writeString(file, generate("--generate-keys"));

		CurveKeyPair keys = CurveKeyPair.fromFile(file);

		assertThat(Files.readString(file)).isEqualTo("public=" + keys.publicKey() + System.lineSeparator() + "secret="
				+ keys.secretKey() + System.lineSeparator());
	}

	@Test
	void generatedKeysWrittenWithOutKeepTheSecretOffTheConsole() throws IOException {
		Path file = this.dir.resolve("broker.key_secret");

		String printed = generate("--generate-keys", "--out", file.toString());

		CurveKeyPair keys = CurveKeyPair.fromFile(file);
		assertThat(printed).startsWith("public=" + keys.publicKey()).doesNotContain(keys.secretKey());
	}

	@Test
	void secretKeyFileAndAllowListTurnCurveOn() throws IOException {
		CurveKeyPair broker = CurveKeyPair.generate();
		Path keyFile = this.dir.resolve("broker.key_secret");
		broker.writeTo(keyFile);
		String client = CurveKeyPair.generate().publicKey();
		Path allowFile = this.dir.resolve("allowed");
		Files.writeString(allowFile, client + "  # alice\n");

		BrokerOptions options = BrokerMain.parse(new String[] { "--host", "0.0.0.0", "--secret-key-file",
				keyFile.toString(), "--allow", allowFile.toString() }).options();

		assertThat(options.security().serverKeys()).isEqualTo(broker);
		assertThat(options.security().allowedClientKeys()).containsExactly(client);
		assertThat(BrokerMain.parse(new String[] { "--port", "6000" }).options().security()).isNull();
	}

	@Test
	void curveOptionsAreCheckedBeforeTheBrokerStarts() {
		Path missing = this.dir.resolve("missing");

		assertThatThrownBy(() -> BrokerMain.parse(new String[] { "--secret-key-file", missing.toString() }))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("--secret-key-file and --allow go together");
		assertThatThrownBy(() -> BrokerMain.parse(new String[] { "--secret-key-file", missing.toString(), "--allow",
				missing.toString() }))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("Cannot read " + missing);
		assertThatThrownBy(() -> generate("--generate-keys", "--port", "1"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("--generate-keys takes only --out FILE");
	}
}
