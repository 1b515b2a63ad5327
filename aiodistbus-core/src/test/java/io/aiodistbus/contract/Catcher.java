package io.aiodistbus.contract;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/**
 * Collects what a handler receives, and waits for it.
 * @param <T> what the handler receives
 */
public final class Catcher<T> implements Consumer<T> {

	private final List<T> received = new CopyOnWriteArrayList<>();

	@Override
	public void accept(T value) {
		this.received.add(value);
	}

	public List<T> received() {
		return this.received;
	}

	public List<T> awaitCount(int count) {
		await().until(() -> this.received.size() >= count);
		return new java.util.ArrayList<>(this.received);
	}

	public T awaitOne() {
		return awaitCount(1).get(0);
	}
}
