package io.aiodistbus.broker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.aiodistbus.broker.BrokerProcessTests.BrokerProcesses;
import io.aiodistbus.broker.BrokerServer.ServeSettings;
import io.aiodistbus.nats.NatsServerProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The NATS options of the broker's command line, and how its processes end when they are wrong (2) or
 * when no NATS server answers at start (1).
 */
@Timeout(120)
class BrokerNatsCommandLineTests {

	@Test
	void theBrokerCommandLineTakesTheBridgesOptions() {
		ServeSettings settings = BrokerMain.parse(new String[] { "--port", "6000", "--nats",
				"nats://10.0.0.5:4222,nats://10.0.0.6:4222", "--nats-subject-prefix", "orders", "--to-nats", "chat.*",
				"--from-nats", "" });
		assertThat(settings.options().port()).isEqualTo(6000);
		assertThat(settings.bridge().natsOptions().servers()).containsExactly("nats://10.0.0.5:4222",
				"nats://10.0.0.6:4222");
		assertThat(settings.bridge().natsOptions().subjectPrefix()).isEqualTo("orders");
		assertThat(settings.bridge().toNats()).containsExactly("chat.*");
		assertThat(settings.bridge().fromNats()).isEmpty();
		assertThat(BrokerMain.parse(new String[0]).bridge()).as("no bridge unless asked for").isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> BrokerMain.parse(new String[] { "--to-nats", "chat.*" }))
			.withMessage("--nats URL[,URL...] is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BrokerMain.parse(new String[] { "--nats", "nats://h:1", "--nats-password", "secret" }))
			.withMessage("Unknown option --nats-password");
	}

	@Test
	void theBrokerAddressOfTheBridgeIsReachableFromItsOwnProcess() {
		assertThat(BrokerBridge.loopback("0.0.0.0")).isEqualTo("127.0.0.1");
		assertThat(BrokerBridge.loopback("[::]")).isEqualTo("::1");
		assertThat(BrokerBridge.loopback("[::1]")).isEqualTo("::1");
		assertThat(BrokerBridge.loopback("10.0.0.5")).isEqualTo("10.0.0.5");
	}

	@Test
	void badNatsOptionsEndTheBrokerAndTheBridgeCommandWith2() throws Exception {
		assertThat(run("--port", "0", "--nats-user", "ann")).satisfies((ended) -> {
			assertThat(ended.status()).isEqualTo(2);
			assertThat(ended.output()).contains("--nats URL[,URL...] is required").anyMatch((line) -> line.startsWith(
					"usage: broker"));
		});
		assertThat(run("bridge", "--nats", "nats://127.0.0.1:4222")).satisfies((ended) -> {
			assertThat(ended.status()).isEqualTo(2);
			assertThat(ended.output()).contains("--broker is required")
				.anyMatch((line) -> line.startsWith("usage: --broker HOST:PORT --nats URL[,URL...]"));
		});
	}

	@Test
	void noNatsServerAtStartEndsTheBrokerAndTheBridgeCommandWith1() throws Exception {
		String nowhere = "nats://127.0.0.1:" + NatsServerProcess.freePort();
		String refused = "No NATS server of [" + nowhere + "] accepted the bridge's connection: ";
		assertThat(run("--port", "0", "--nats", nowhere)).satisfies((ended) -> {
			assertThat(ended.status()).isEqualTo(1);
			assertThat(ended.output()).anyMatch((line) -> line.startsWith(refused)
					&& line.endsWith("The broker does not start without its bridge."));
		});
		assertThat(run("bridge", "--broker", "127.0.0.1:5555", "--nats", nowhere)).satisfies((ended) -> {
			assertThat(ended.status()).isEqualTo(1);
			assertThat(ended.output()).anyMatch((line) -> line.startsWith(refused));
		});
	}

	/** Runs the broker's main class to its end; reading its output to the end waits for that. */
	private static Ended run(String... args) throws Exception {
		Process process = new ProcessBuilder(BrokerProcesses.command(args)).redirectErrorStream(true).start();
		List<String> output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
			.toList();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ended, output %s", output).isTrue();
		return new Ended(process.exitValue(), output);
	}

	private record Ended(int status, List<String> output) {
	}

}
