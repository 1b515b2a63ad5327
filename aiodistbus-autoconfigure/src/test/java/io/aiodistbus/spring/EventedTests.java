package io.aiodistbus.spring;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;
import io.aiodistbus.test.EventRecorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class EventedTests {

	private final EventBus bus = new EventBus();

	private final LocalEntryPoint entryPoint = this.bus.entryPoint();

	private final EventRecorder recorder = EventRecorder.on(this.entryPoint, "*");

	private final ScheduledExecutorService scheduler = Evented.newScheduler();

	private final EventedOptions options = EventedOptions.defaults()
		.withDebounce(Duration.ofMillis(50))
		.withScheduler(this.scheduler);

	@AfterEach
	void close() {
		this.scheduler.shutdownNow();
		this.bus.close();
	}

	@Test
	void quickChangesShouldGiveOneEventCarryingTheObject() {
		Settings settings = Evented.of(new Settings(), this.entryPoint, this.options);
		settings.setTheme("dark");
		settings.setTheme("blue");
		settings.getTags().add("beta");
		awaitExactlyOne("Settings.changed");
		Settings payload = this.recorder.payloads("Settings.changed", Settings.class).get(0);
		assertThat(payload.getTheme()).isEqualTo("blue");
		assertThat(payload.getTags()).containsExactly("beta");
	}

	@Test
	void changesAfterTheDebounceShouldGiveAnotherEvent() {
		Settings settings = Evented.of(new Settings(), this.entryPoint, this.options);
		settings.setTheme("dark");
		awaitExactlyOne("Settings.changed");
		settings.setTheme("blue");
		await().until(() -> this.recorder.count("Settings.changed") == 2);
	}

	@Test
	void listChangesShouldCount() {
		Settings settings = Evented.of(new Settings(), this.entryPoint, this.options);
		settings.getTags().add("a");
		awaitExactlyOne("Settings.changed");
		this.recorder.clear();
		settings.getTags().removeIf("a"::equals);
		awaitExactlyOne("Settings.changed");
		assertThat(settings.getTags()).isEmpty();
	}

	@Test
	void mapChangesShouldCount() {
		Settings settings = Evented.of(new Settings(), this.entryPoint, this.options);
		settings.getValues().put("k", "v");
		awaitExactlyOne("Settings.changed");
		this.recorder.clear();
		settings.getValues().entrySet().iterator().next().setValue("w");
		awaitExactlyOne("Settings.changed");
		assertThat(settings.getValues()).containsEntry("k", "w");
	}

	@Test
	void readsShouldNotCount() {
		Settings settings = Evented.of(new Settings(), this.entryPoint, this.options);
		settings.getTheme();
		settings.getTags().size();
		settings.setTheme("dark");
		awaitExactlyOne("Settings.changed");
	}

	@Test
	void nestedEventedObjectChangesShouldAlsoChangeItsContainer() {
		Settings settings = Evented.of(new Settings(), this.entryPoint, this.options);
		Settings.Address address = Evented.of(new Settings.Address(), this.entryPoint, this.options);
		settings.setAddress(address);
		awaitExactlyOne("Settings.changed");
		this.recorder.clear();
		settings.getAddress().setCity("Lyon");
		awaitExactlyOne("Address.changed");
		awaitExactlyOne("Settings.changed");
	}

	@Test
	void payloadWithNestedEventedObjectShouldEncodeForTheWire() {
		Settings settings = Evented.of(new Settings(), this.entryPoint, this.options);
		settings.setAddress(Evented.of(new Settings.Address(), this.entryPoint, this.options));
		settings.getAddress().setCity("Lyon");
		awaitExactlyOne("Settings.changed");
		Object payload = this.recorder.events("Settings.changed").get(0).data();
		String json = new String(PayloadCodec.shared().encode(payload), StandardCharsets.UTF_8);
		assertThat(json).isEqualTo("{\"theme\":\"light\",\"tags\":[],\"values\":{},\"address\":{\"city\":\"Lyon\"}}");
	}

	@Test
	void typeShouldBeConfigurable() {
		Settings settings = Evented.of(new Settings(), this.entryPoint, this.options.withType("settings.updated"));
		settings.setTheme("dark");
		awaitExactlyOne("settings.updated");
		assertThat(Evented.isEvented(settings)).isTrue();
		assertThat(Evented.isEvented(new Settings())).isFalse();
	}

	@Test
	void finalClassShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Evented.of("text", this.entryPoint, this.options))
			.withMessageContaining("java.lang.String")
			.withMessageContaining("proxyable");
	}

	private void awaitExactlyOne(String type) {
		await().until(() -> this.recorder.count(type) >= 1);
		// and no second one for several debounce periods
		await().during(Duration.ofMillis(250)).atMost(Duration.ofSeconds(2)).until(() -> this.recorder.count(type) == 1);
	}

}
