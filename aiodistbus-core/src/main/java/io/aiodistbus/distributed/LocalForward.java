package io.aiodistbus.distributed;

import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.internal.dispatch.LocalBusAccess;
import io.aiodistbus.internal.topic.TopicPattern;
import io.aiodistbus.internal.wire.WireEvent;
import io.aiodistbus.local.EventBus;

/**
 * Delivers what a broker relays to a local bus, on a thread of its own so the relay never waits for
 * local handlers. When the local handlers fall behind by more than the queue holds, the relay does
 * not wait either: the event is dropped for the local bus and counted as {@code queue_full} with the
 * broker's drops.
 */
final class LocalForward implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalForward.class);

	private static final int CAPACITY = 65_536;

	private final LocalBusAccess.LocalBus bus;

	private final TopicPattern[] patterns;

	private final PayloadCodec codec;

	private final Inbound<WireEvent> queue;

	LocalForward(EventBus bus, String[] types, PayloadCodec codec, String brokerName, DropCounters drops,
			DropLog dropLog) {
		this.bus = LocalBusAccess.of(bus);
		this.patterns = Arrays.stream(types).map(TopicPattern::parse).toArray(TopicPattern[]::new);
		this.codec = codec;
		this.queue = new Inbound<>("aiodistbus-forward-" + brokerName, CAPACITY, OverflowPolicy.DROP_NEWEST,
				this::deliver, drops, dropLog, false, System::nanoTime);
	}

	/** Called on the broker's I/O thread. */
	void offer(WireEvent event) {
		if (matches(event.type())) {
			this.queue.offer(event, () -> false);
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

	private void deliver(WireEvent event) {
		try {
			this.bus.publish(event.toEvent(this.codec));
		}
		catch (RuntimeException ex) {
			logger.error("Cannot deliver relayed event '{}' (id {}) to the local bus", event.type(), event.id(), ex);
		}
	}

	@Override
	public void close() {
		this.queue.close(10_000);
	}
}
