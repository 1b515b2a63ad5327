package io.aiodistbus.codec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DtypeRegistryTest {

	private final DtypeRegistry registry = new DtypeRegistry();

	record Plain(int x) {
	}

	@Test
	void registersByAnnotationOrClassName() {
		assertThat(this.registry.register(Greeting.class)).isEqualTo("__main__.Greeting");
		assertThat(this.registry.register(Plain.class)).isEqualTo(Plain.class.getName());
		assertThat(this.registry.classFor("__main__.Greeting")).isEqualTo(Greeting.class);
		assertThat(this.registry.dtypeOf(Plain.class)).isEqualTo(Plain.class.getName());
		assertThat(this.registry.classFor("nope")).isNull();
		assertThat(this.registry.dtypeOf(String.class)).isNull();
	}

	@Test
	void aliasDecodesButFirstNameIsWritten() {
		this.registry.register("app.Greeting", Greeting.class);
		this.registry.register(Greeting.class);
		this.registry.register("app.Greeting", Greeting.class);
		assertThat(this.registry.classFor("app.Greeting")).isEqualTo(Greeting.class);
		assertThat(this.registry.classFor("__main__.Greeting")).isEqualTo(Greeting.class);
		assertThat(this.registry.dtypeOf(Greeting.class)).isEqualTo("app.Greeting");
	}

	@Test
	void conflictNamesBothClasses() {
		this.registry.register("x.Y", Greeting.class);
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register("x.Y", Plain.class))
			.withMessageContaining("'x.Y'")
			.withMessageContaining(Greeting.class.getName())
			.withMessageContaining(Plain.class.getName());
	}

	@Test
	void builtinDtypesAreReserved() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register(Dtypes.STR, Plain.class))
			.withMessageContaining("builtins.str");
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register("", Plain.class));
	}
}
