package io.aiodistbus.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.aiodistbus.EntryPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Start-up failures of the bus explained as Boot explains its own: a description and an action.
 */
@ExtendWith(OutputCaptureExtension.class)
class BusFailureAnalyzersTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiodistbusAutoConfiguration.class,
				AiodistbusNatsAutoConfiguration.class));

	@Test
	void misspeltModeShouldFailNamingThePropertyAndTheModes() {
		this.runner.withUserConfiguration(ServiceConfiguration.class)
			.withPropertyValues("aiodistbus.mode=brokr")
			.run((context) -> {
				assertThat(context).getFailure()
					.hasStackTraceContaining("aiodistbus.mode is 'brokr'; it must be one of local, broker, client");
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.isEqualTo("The property aiodistbus.mode is 'brokr', which is not a mode of the bus.");
				assertThat(analysis.getAction()).startsWith("Set aiodistbus.mode to one of local, broker, client, nats:");
			});
	}

	@Test
	void modeShouldBindRelaxedAsThePropertiesDo() {
		this.runner.withUserConfiguration(ServiceConfiguration.class)
			.withPropertyValues("aiodistbus.mode=LOCAL")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(EntryPoint.class));
	}

	@ParameterizedTest
	@EnumSource(BusTransport.class)
	void noServerInTimeShouldBeExplainedWithTheWayToStartWithoutIt(BusTransport transport) {
		try (BusTransport.Server server = transport.start()) {
			server.stop();
			String address = "127.0.0.1:" + server.port();
			this.runner.withPropertyValues(server.properties().toArray(String[]::new))
				.withPropertyValues(transport.property("connect-timeout=300ms"))
				.run((context) -> {
					FailureAnalysis analysis = analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).startsWith("No connection to ")
						.contains(address)
						.contains(" within 300 ms");
					assertThat(analysis.getAction()).startsWith("Start ")
						.contains(address)
						.contains(transport.property("connect-timeout"))
						.endsWith("set " + transport.property("fail-fast=false") + ".");
				});
		}
	}

	@Test
	void noNatsServerShouldBeExplainedNamingTheServersTried() {
		this.runner
			.withPropertyValues("aiodistbus.mode=nats", "aiodistbus.nats.servers=nats://127.0.0.1:1,nats://127.0.0.1:2",
					"aiodistbus.nats.connect-timeout=300ms")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).startsWith(
						"No connection to a NATS server of [nats://127.0.0.1:1, nats://127.0.0.1:2] within 300 ms: ");
				assertThat(analysis.getAction())
					.startsWith("Start a NATS server at nats://127.0.0.1:1, nats://127.0.0.1:2, or point "
							+ "aiodistbus.nats.servers at running ones; check the credentials")
					.contains("aiodistbus.nats.fail-fast=false");
			});
	}

	@Test
	void brokerPortInUseShouldBeExplained() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			int port = taken.getLocalPort();
			this.runner.withPropertyValues("aiodistbus.mode=broker", "aiodistbus.broker.port=" + port)
				.run((context) -> {
					FailureAnalysis analysis = analyze(context.getStartupFailure());
					assertThat(analysis.getDescription())
						.startsWith("The aiodistbus broker could not bind its ports: Cannot bind the broker on 127.0.0.1:"
								+ port + ".." + (port + 3));
					assertThat(analysis.getAction()).contains("aiodistbus.broker.port");
				});
		}
	}

	@Test
	void applicationWithMisspeltModeShouldReportTheAnalysis(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(ServiceApplication.class)
			.web(WebApplicationType.NONE)
			.properties("aiodistbus.mode=brokr")
			.run());
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("Description:\n\nThe property aiodistbus.mode is 'brokr', which is not a mode of the bus.")
			.contains("Action:\n\nSet aiodistbus.mode to one of local, broker, client, nats:")
			.doesNotContain("required a bean of type 'io.aiodistbus.EntryPoint'");
	}

	/** Analyzes as Boot does: the first analyzer that knows the failure. */
	private static FailureAnalysis analyze(Throwable failure) {
		assertThat(failure).isNotNull();
		return Stream
			.of(new BusFailureAnalyzers.InvalidMode(), new BusFailureAnalyzers.ConnectTimeout(),
					new BusFailureAnalyzers.NatsConnect(), new BusFailureAnalyzers.BrokerPortInUse())
			.map((analyzer) -> analyzer.analyze(failure))
			.filter((analysis) -> analysis != null)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no aiodistbus analysis of " + failure));
	}

	static class Service {

		Service(EntryPoint bus) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ServiceConfiguration {

		@Bean
		Service service(EntryPoint bus) {
			return new Service(bus);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ServiceApplication {

		@Bean
		Service service(EntryPoint bus) {
			return new Service(bus);
		}

	}

}
