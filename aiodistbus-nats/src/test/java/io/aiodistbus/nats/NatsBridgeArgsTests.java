package io.aiodistbus.nats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The NATS side of a bridge's command line: what it builds, and each bad command line named by its option.
 */
class NatsBridgeArgsTests {

	@TempDir
	Path directory;

	@Test
	void readsServersPrefixPatternsAndASecretFromItsFile() throws IOException {
		Path token = Files.writeString(this.directory.resolve("token"), "s3cret\n");
		NatsBridgeArgs args = NatsBridgeArgs.parse(options("--nats", "nats://127.0.0.1:4222, tls://10.0.0.6:4222",
				"--nats-subject-prefix", "orders", "--to-nats", "chat.*,orders.*", "--from-nats", "",
				"--nats-token-file", token.toString()));
		assertThat(args.natsOptions().servers()).containsExactly("nats://127.0.0.1:4222", "tls://10.0.0.6:4222");
		assertThat(args.natsOptions().subjectPrefix()).isEqualTo("orders");
		assertThat(args.natsOptions().credentials()).hasToString("NatsCredentials[token]");
		assertThat(args.toNats()).containsExactly("chat.*", "orders.*");
		assertThat(args.fromNats()).as("'' carries nothing that way").isEmpty();
		NatsBridgeArgs defaults = NatsBridgeArgs.parse(options("--nats", "nats://127.0.0.1:4222"));
		assertThat(defaults.toNats()).containsExactly("*");
		assertThat(defaults.fromNats()).containsExactly("*");
		assertThat(defaults.natsOptions().credentials()).isNull();
		assertThat(defaults.describe("127.0.0.1:5555")).isEqualTo("aiodistbus bridge: broker 127.0.0.1:5555 <-> NATS "
				+ "[nats://127.0.0.1:4222] under 'aiodistbus.' (to NATS: [*], from NATS: [*])");
	}

	@Test
	void namesTheOptionAtFault() throws IOException {
		String password = Files.writeString(this.directory.resolve("password"), "pw").toString();
		String missing = this.directory.resolve("missing").toString();
		String nats = "nats://127.0.0.1:4222";
		assertRefused("--nats URL[,URL...] is required", "--to-nats", "a.*");
		assertRefused("--nats: ", "--nats", "http://h:1");
		assertRefused("unknown argument --nats-password", "--nats", nats, "--nats-password", "pw");
		assertRefused("give one kind of NATS credentials, not --nats-user and --nats-token-file", "--nats", nats,
				"--nats-user", "u", "--nats-password-file", password, "--nats-token-file", password);
		assertRefused("--nats-user and --nats-password-file go together", "--nats", nats, "--nats-password-file",
				password);
		assertRefused("--nats-token-file cannot be read: ", "--nats", nats, "--nats-token-file", missing);
		assertRefused("--nats-nkey-seed-file: The NKey seed is not a valid seed", "--nats", nats,
				"--nats-nkey-seed-file", password);
		assertRefused("--nats-creds: ", "--nats", nats, "--nats-creds", missing);
		assertRefused("--from-nats: ", "--nats", nats, "--from-nats", "a..b");
		assertRefused("--nats-subject-prefix: ", "--nats", nats, "--nats-subject-prefix", "a b");
	}

	@Test
	void acceptsItsOwnOptionsOnly() {
		assertThat(List.of("--nats", "--nats-subject-prefix", "--to-nats", "--from-nats", "--nats-user",
				"--nats-password-file", "--nats-token-file", "--nats-nkey-seed-file", "--nats-creds"))
			.allMatch(NatsBridgeArgs::accepts);
		assertThat(NatsBridgeArgs.accepts("--broker")).isFalse();
		assertThat(NatsBridgeArgs.accepts("--port")).isFalse();
	}

	private static Map<String, String> options(String... pairs) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			options.put(pairs[i], pairs[i + 1]);
		}
		return options;
	}

	private static void assertRefused(String message, String... pairs) {
		assertThatIllegalArgumentException().isThrownBy(() -> NatsBridgeArgs.parse(options(pairs)))
			.withMessageStartingWith(message);
	}
}
