package io.aiodistbus.test.spring;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.ContextCustomizer;

import io.aiodistbus.test.EmbeddedBus;

import static org.assertj.core.api.Assertions.assertThat;

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
			.isEqualTo(new EmbeddedBusContextCustomizer(true, ""));
	}

	static class Plain {

	}

	@EmbeddedBus
	static class Bus {

	}

	@EmbeddedBus
	static class OtherBus {

	}

	@EmbeddedBus(security = true, mode = "")
	static class SecureBus {

		class Inner {

		}

	}

}
