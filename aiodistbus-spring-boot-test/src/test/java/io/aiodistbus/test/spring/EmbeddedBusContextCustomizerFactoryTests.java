package io.aiodistbus.test.spring;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.ContextCustomizer;

import io.aiodistbus.test.EmbeddedBus;
import io.aiodistbus.test.EmbeddedBus.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedBusContextCustomizerFactoryTests {

	private final EmbeddedBusContextCustomizerFactory factory = new EmbeddedBusContextCustomizerFactory();

	@Test
	void classWithoutTheAnnotationShouldGetNoCustomizer() {
		assertThat(this.factory.createContextCustomizer(Plain.class, List.of())).isNull();
	}

	@Test
	void classesWithTheSameSettingsShouldShareACachedContext() {
		ContextCustomizer first = this.factory.createContextCustomizer(Bus.class, List.of());
		assertThat(first).isEqualTo(this.factory.createContextCustomizer(OtherBus.class, List.of()))
			.hasSameHashCodeAs(this.factory.createContextCustomizer(OtherBus.class, List.of()))
			.isNotEqualTo(this.factory.createContextCustomizer(SecureBus.class, List.of()));
	}

	@Test
	void nestedClassShouldTakeTheSettingsOfItsEnclosingClass() {
		assertThat(this.factory.createContextCustomizer(SecureBus.Inner.class, List.of()))
			.isEqualTo(new EmbeddedBusContextCustomizer(Transport.ZEROMQ, true, ""));
	}

	@Test
	void natsShouldRunTheApplicationInNatsModeUnlessTheTestSaysOtherwise() {
		assertThat(this.factory.createContextCustomizer(NatsBus.class, List.of()))
			.isEqualTo(new EmbeddedBusContextCustomizer(Transport.NATS, false, "nats"))
			.isNotEqualTo(this.factory.createContextCustomizer(Bus.class, List.of()));
		assertThat(this.factory.createContextCustomizer(NatsBusOwnMode.class, List.of()))
			.isEqualTo(new EmbeddedBusContextCustomizer(Transport.NATS, false, ""));
	}

	@Test
	void natsWithSecurityShouldBeRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.factory.createContextCustomizer(SecureNatsBus.class, List.of()))
			.withMessageContaining("not supported with transport = NATS");
	}

	static class Plain {

	}

	@EmbeddedBus
	static class Bus {

	}

	@EmbeddedBus
	static class OtherBus {

	}

	@EmbeddedBus(transport = Transport.NATS)
	static class NatsBus {

	}

	@EmbeddedBus(transport = Transport.NATS, mode = "")
	static class NatsBusOwnMode {

	}

	@EmbeddedBus(transport = Transport.NATS, security = true)
	static class SecureNatsBus {

	}

	@EmbeddedBus(security = true, mode = "")
	static class SecureBus {

		class Inner {

		}

	}

}
