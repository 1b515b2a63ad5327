package io.aiodistbus.nats;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.DropReason;
import io.aiodistbus.ReplyHeaders;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.Event;
import io.aiodistbus.event.ReservedTopics;
import io.aiodistbus.internal.dispatch.Dispatch;
import io.aiodistbus.internal.dispatch.GroupPicker;
import io.aiodistbus.internal.dispatch.HandlerTable;
import io.aiodistbus.internal.dispatch.Observers;
import io.aiodistbus.internal.dispatch.SequenceTracker;
import io.aiodistbus.internal.dispatch.Subscriber;
import io.aiodistbus.internal.wire.NativeBatch;
import io.aiodistbus.internal.wire.NativeFrame;
import io.aiodistbus.internal.wire.WireEvent;
import io.aiodistbus.internal.wire.WireFormatException;
import io.nats.client.Message;

/**
 * What an entry point receives, on its jnats dispatcher thread: each message, an event alone or a batch,
 * is checked, and each of its events goes to the handlers without a group, to the member of a group the
 * server chose this entry point for, or to the request it answers; what is not valid is dropped and
 * counted by reason. Every event of a message passes the delivery gate together.
 */
final class Incoming {

	private static final Logger logger = LoggerFactory.getLogger(NatsEntryPoint.class);

	/** What the entry point lends: its requests, its observers, and its close. */
	interface Owner {

		/** @return whether the type is one of the entry point's reply types */
		boolean isOwnReply(String type);

		/** Completes the request a reply answers. */
		void replyReceived(Event reply);

		/** @return the entry point's observers */
		Observers observers();

		/** Told that the bus announced its close, on the dispatcher thread, which closing stops. */
		void closeAnnounced();
	}

	private final Subjects subjects;

	private final HandlerTable table;

	private final DeliveryGate gate;

	private final SequenceTracker sequences;

	private final Drops drops;

	private final PayloadCodec codec;

	private final Owner owner;

	private final GroupPicker groups = new GroupPicker();

	private final NativeFrame.Checker checker = new NativeFrame.Checker();

	private final AtomicLong delivered = new AtomicLong();

	Incoming(Subjects subjects, HandlerTable table, DeliveryGate gate, SequenceTracker sequences, Drops drops,
			PayloadCodec codec, Owner owner) {
		this.subjects = subjects;
		this.table = table;
		this.gate = gate;
		this.sequences = sequences;
		this.drops = drops;
		this.codec = codec;
		this.owner = owner;
	}

	/** @return the events delivered to handlers so far */
	long delivered() {
		return this.delivered.get();
	}

	/**
	 * One message, from its canonical plain subscription or from a queue group.
	 * @param group the consumer group NATS chose this entry point in, {@code null} for a plain subscription
	 */
	void received(Message message, String group) {
		if (message.isStatusMessage()) {
			statusReceived(message);
			return;
		}
		byte[] data = message.getData();
		// once per message, not per event of a batch: the gate admits or holds back what jnats queued
		boolean admitted = this.gate.enter();
		try {
			if (NativeBatch.isBatch(data)) {
				NativeBatch.forEach(data, this.checker, true, new NativeBatch.Sink() {
					@Override
					public void event(int from, int to, WireEvent event) {
						received(event, message.getSubject(), group, admitted);
					}

					@Override
					public void invalid(WireFormatException ex) {
						dropped(ex, message);
					}
				});
			}
			else {
				receivedAlone(message, group, admitted);
			}
		}
		finally {
			if (admitted) {
				this.gate.leave();
			}
		}
	}

	private void receivedAlone(Message message, String group, boolean admitted) {
		WireEvent wire;
		try {
			wire = NativeFrame.decode(message.getData(), this.checker);
		}
		catch (WireFormatException ex) {
			dropped(ex, message);
			return;
		}
		received(wire, message.getSubject(), group, admitted);
	}

	private void dropped(WireFormatException ex, Message message) {
		this.drops.dropped(ex.reason(), ex.eventType(), ex.getMessage() + " (subject " + message.getSubject() + ")");
	}

	/**
	 * One event, of a message alone or of a batch.
	 * @param admitted whether the delivery gate lets the message's events reach the handlers
	 */
	private void received(WireEvent wire, String subject, String group, boolean admitted) {
		if (!this.subjects.subject(wire.type()).equals(subject)) {
			this.drops.dropped(DropReason.TOPIC_MISMATCH, wire.type(), "published on subject " + subject
					+ ", not its type's");
			return;
		}
		if (this.owner.isOwnReply(wire.type())) {
			replied(wire);
			return;
		}
		if (group != null) {
			if (admitted) {
				routed(wire, group);
			}
			return;
		}
		Subscriber[] subscribers = GroupPicker.ungrouped(this.table.resolve(wire.type()));
		if (subscribers.length > 0) {
			this.sequences.seen(wire.source(), wire.type(), wire.sequence());
			if (admitted) {
				deliver(wire, subscribers);
			}
		}
		if (wire.type().equals(ReservedTopics.CLOSE)) {
			this.owner.closeAnnounced();
		}
	}

	/** Not in the loss accounting: a member gets a part of each publisher's sequence. */
	private void routed(WireEvent wire, String group) {
		Subscriber chosen = this.groups.oneOf(this.table.resolve(wire.type()), group);
		if (chosen != null) {
			deliver(wire, new Subscriber[] { chosen });
		}
	}

	/** Replies complete requests even while delivery is paused, as they do on the ZeroMQ client. */
	private void replied(WireEvent wire) {
		try {
			this.owner.replyReceived(wire.toEvent(this.codec));
		}
		catch (WireFormatException ex) {
			this.drops.dropped(DropReason.PAYLOAD, wire.type(), ex.getMessage());
		}
	}

	/**
	 * The server's answer to a request that no subscription matched (status 503 on the request's reply
	 * subject), which fails the request at once; NATS sends other statuses to JetStream's consumers only.
	 */
	private void statusReceived(Message message) {
		String replyType = this.subjects.type(message.getSubject());
		if (message.getStatus().isNoResponders() && replyType != null && this.owner.isOwnReply(replyType)) {
			this.owner.replyReceived(Event.emitted(replyType, null, this.codec::dtypeOf, null,
					Map.of(ReplyHeaders.STATUS, ReplyHeaders.NO_RESPONDERS)));
			return;
		}
		logger.debug("Ignored NATS status {} on subject {}", message.getStatus(), message.getSubject());
	}

	private void deliver(WireEvent wire, Subscriber[] subscribers) {
		Event event;
		try {
			event = wire.toEvent(this.codec);
		}
		catch (WireFormatException ex) {
			this.drops.dropped(DropReason.PAYLOAD, wire.type(), ex.getMessage());
			return;
		}
		this.delivered.incrementAndGet();
		Observers observers = this.owner.observers();
		if (!observers.isEmpty()) {
			observers.received(event);
		}
		Dispatch.deliver(event, subscribers);
	}
}
