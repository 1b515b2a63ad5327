package io.aiodistbus.distributed;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.local.EventBus;
import io.aiodistbus.topic.TopicPattern;
import io.aiodistbus.wire.WireEvent;

/**
 * Delivers what a broker relays to a local bus, on a thread of its own so the relay never waits for
 * local handlers. When the local handlers fall behind by more than the queue holds, the relay does
 * not wait either: the event is dropped for the local bus and logged.
 */
final class LocalForward implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalForward.class);

	private static final int CAPACITY = 65_536;

	private static final WireEvent STOP = new WireEvent("", null, null, "", "");

	private final EventBus bus;

	private final TopicPattern[] patterns;

	private final PayloadCodec codec;

	private final BlockingQueue<WireEvent> queue = new ArrayBlockingQueue<>(CAPACITY);

	private final Thread thread;

	private long dropped;

	LocalForward(EventBus bus, String[] types, PayloadCodec codec, String brokerName) {
		this.bus = bus;
		this.patterns = Arrays.stream(types).map(TopicPattern::parse).toArray(TopicPattern[]::new);
		this.codec = codec;
		this.thread = new Thread(this::run, "aiodistbus-forward-" + brokerName);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Called on the broker's I/O thread. */
	void offer(WireEvent event) {
		if (!matches(event.type())) {
			return;
		}
		if (!this.queue.offer(event)) {
			this.dropped++;
			if (Long.bitCount(this.dropped) == 1) {
				logger.warn("Local bus falls behind the broker: {} relayed events not delivered locally so far",
						this.dropped);
			}
		}
	}

	private boolean matches(String type) {
		for (TopicPattern pattern : this.patterns) {
			if (pattern.matches(type)) {
				return true;
			}
		}
		return false;
	}

	private void run() {
		while (true) {
			WireEvent event;
			try {
				event = this.queue.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			if (event == STOP) {
				return;
			}
			try {
				this.bus.publish(event.toEvent(this.codec));
			}
			catch (RuntimeException ex) {
				logger.error("Cannot deliver relayed event '{}' (id {}) to the local bus", event.type(), event.id(), ex);
			}
		}
	}

	@Override
	public void close() {
		try {
			this.queue.put(STOP);
			this.thread.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
