package io.aiodistbus.broker;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.aiodistbus.broker.BrokerServer.ServeSettings;
import io.aiodistbus.distributed.BrokerOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The standalone broker's command line, and the process: the line scripts read its port from, and
 * its exit when ZeroMQ's I/O thread dies.
 */
@Timeout(120)
class BrokerMainTests {

	@Test
	void theBrokerCommandLineTakesIpv6AndTheSizeLimit() {
		BrokerOptions options = BrokerMain.parse(new String[] { "--host", "[::1]", "--max-message-size", "64KB" }).options();
		assertThat(options.host()).isEqualTo("[::1]");
		assertThat(options.maxMessageSize()).isEqualTo(64 * 1024);
		assertThat(BrokerMain.parse(new String[] { "--max-message-size", "4mb" }).options().maxMessageSize()).isEqualTo(4 << 20);
		assertThat(BrokerMain.parse(new String[] { "--max-message-size", "500" }).options().maxMessageSize()).isEqualTo(500);
		assertThatThrownBy(() -> BrokerMain.parse(new String[] { "--max-message-size", "-1" }))
			.hasMessageContaining("--max-message-size needs a size");
		assertThatThrownBy(() -> BrokerMain.parse(new String[] { "--max-message-size", "3GB" }))
			.hasMessageContaining("--max-message-size needs a size");
	}

	@Test
	void theBrokerCommandLineTakesEveryBrokerOptionAndTheHttpPort() {
		ServeSettings settings = BrokerMain.parse(new String[] { "--host", "0.0.0.0", "--port", "6000", "--pulse",
				"500ms", "--max-message-size", "64KB", "--publish-hwm", "1000", "--http-port", "9090", "--http-host",
				"::1" });
		assertThat(settings.options()).isEqualTo(BrokerOptions.builder()
			.host("0.0.0.0")
			.port(6000)
			.pulse(Duration.ofMillis(500))
			.maxMessageSize(64 * 1024)
			.publishHighWaterMark(1000)
			.build());
		assertThat(settings.httpPort()).isEqualTo(9090);
		assertThat(settings.httpHost()).isEqualTo("::1");
		assertThat(BrokerMain.parse(new String[] { "--publish-high-water-mark", "0" }).options().publishHighWaterMark())
			.isZero();
		assertThat(BrokerMain.parse(new String[0]).httpPort()).as("no HTTP unless asked for").isEqualTo(-1);
		assertThatThrownBy(() -> BrokerMain.parse(new String[] { "--publish-hwm", "-1" }))
			.hasMessageContaining("--publish-hwm needs a number of messages");
		assertThatThrownBy(() -> BrokerMain.parse(new String[] { "--http-port", "70000" }))
			.hasMessageContaining("--http-port needs a port from 0 to 65535");
	}

	@Test
	void aBrokerWhoseZeroMqIoThreadDiesLogsItAndExits() throws Exception {
		// A limit of 2 GB lets a 2,000,000,000-byte frame through to an allocation that a direct memory
		// limit of 64 MB refuses, so the I/O thread dies as it did without any limit.
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:MaxDirectMemorySize=64m", "-cp", System.getProperty("java.class.path"), BrokerMain.class.getName(),
				"--port", "0", "--max-message-size", String.valueOf(Integer.MAX_VALUE))
			.redirectErrorStream(true)
			.start();
		try {
			BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			List<String> lines = new ArrayList<>();
			int port = -1;
			// the line the benchmarks' broker process reads the port from
			Pattern listening = Pattern.compile("aiodistbus broker on 127\\.0\\.0\\.1:(\\d+) \\(publish (\\d+), collect (\\d+), native publish (\\d+)\\)");
			while (port < 0) {
				String line = out.readLine();
				assertThat(line).as("broker output so far: %s", lines).isNotNull();
				lines.add(line);
				Matcher matcher = listening.matcher(line);
				if (matcher.find()) {
					port = Integer.parseInt(matcher.group(1));
					assertThat(Integer.parseInt(matcher.group(2))).isEqualTo(port + 1);
					assertThat(Integer.parseInt(matcher.group(3))).isEqualTo(port + 2);
					assertThat(Integer.parseInt(matcher.group(4))).isEqualTo(port + 3);
				}
			}
			CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> out.lines().forEach(lines::add));

			try (Socket collect = new Socket(InetAddress.getLoopbackAddress(), port + 2)) {
				OutputStream raw = collect.getOutputStream();
				raw.write(nullGreeting());
				raw.write(longFrameHeader(2_000_000_000L));
				raw.flush();
				assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited").isTrue();
			}
			assertThat(process.exitValue()).isEqualTo(1);
			rest.get(5, TimeUnit.SECONDS);
			assertThat(lines).anyMatch((line) -> line.contains("ERROR") && line.contains("I/O thread"));
		}
		finally {
			process.destroyForcibly();
		}
	}

	/** @return the 64-byte ZMTP 3.0 greeting of a NULL-mechanism client */
	private static byte[] nullGreeting() {
		byte[] greeting = new byte[64];
		greeting[0] = (byte) 0xFF;
		greeting[9] = 0x7F;
		greeting[10] = 3;
		byte[] name = "NULL".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(name, 0, greeting, 12, name.length);
		return greeting;
	}

	/** @return a long command frame header (flags {@code 0x06}) announcing the given 64-bit size */
	private static byte[] longFrameHeader(long size) {
		return ByteBuffer.allocate(9).put((byte) 0x06).putLong(size).array();
	}

}
