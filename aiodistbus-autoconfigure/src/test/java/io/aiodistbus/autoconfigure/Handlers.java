package io.aiodistbus.autoconfigure;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import io.aiodistbus.event.Event;
import io.aiodistbus.spring.EventHandler;

/**
 * A bean with one handler of each supported shape, each recording what it got.
 */
public class Handlers {

	final List<Object> payloads = new CopyOnWriteArrayList<>();

	final List<Event> events = new CopyOnWriteArrayList<>();

	final List<String> calls = new CopyOnWriteArrayList<>();

	@EventHandler("chat.message")
	public void onPayload(ChatMessage message) {
		this.payloads.add(message);
	}

	@EventHandler
	public void onInferredType(ChatMessage message) {
		this.calls.add("inferred");
	}

	@EventHandler("chat.*")
	public void onEvent(Event event) {
		this.events.add(event);
	}

	@EventHandler("ping")
	public void onNothing() {
		this.calls.add("ping");
	}

	@EventHandler("async")
	public CompletionStage<Void> onAsync(String text) {
		return CompletableFuture.runAsync(() -> this.calls.add("async " + text));
	}

	@EventHandler(value = "chat.message", namespace = "admin")
	public void onAdmin(ChatMessage message) {
		this.calls.add("admin");
	}
}
