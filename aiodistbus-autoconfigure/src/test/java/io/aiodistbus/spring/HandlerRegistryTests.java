package io.aiodistbus.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;

class HandlerRegistryTests {

	private final EventBus bus = new EventBus();

	private final HandlerRegistry registry = new HandlerRegistry();

	private final List<String> calls = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.bus.close();
	}

	@Test
	void useShouldPutOnlyThatNamespaceOnTheEntryPoint() {
		register("default", "a");
		register("admin", "b");
		LocalEntryPoint entryPoint = this.bus.entryPoint();
		assertThat(this.registry.use(entryPoint, "admin")).hasSize(1);
		entryPoint.emit("a");
		entryPoint.emit("b");
		assertThat(this.calls).containsExactly("admin:b");
	}

	@Test
	void handlersRegisteredAfterUseShouldJoinTheEntryPoint() {
		LocalEntryPoint entryPoint = this.bus.entryPoint();
		this.registry.use(entryPoint, "default");
		register("default", "late");
		entryPoint.emit("late");
		assertThat(this.calls).containsExactly("default:late");
	}

	@Test
	void handlersShouldBeDescribedForLogs() {
		this.registry.register("default", "x", (event) -> null, "bean.method(String)");
		assertThat(this.registry.handlers("default")).containsExactly("bean.method(String)");
		assertThat(this.registry.handlers("none")).isEmpty();
	}

	private void register(String namespace, String type) {
		this.registry.register(namespace, type, (event) -> {
			this.calls.add(namespace + ":" + event.type());
			return null;
		}, namespace + "." + type);
	}

}
