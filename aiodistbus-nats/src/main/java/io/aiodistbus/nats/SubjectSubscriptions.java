package io.aiodistbus.nats;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Subscription;

/**
 * The NATS subscriptions of one entry point, one per distinct subject (and queue group), counted by the
 * patterns that need it, all on one jnats dispatcher so that messages reach the handlers in the order
 * the server sent them.
 * <p>
 * NATS delivers a message once per matching subscription: a client subscribed to {@code p.load.>}
 * and {@code p.load.1} gets each {@code load.1} event twice. The bus promises each handler an event
 * once, so a message is passed on only from its <em>canonical</em> subscription, the oldest one whose
 * subject matches the message's, and the handlers it goes to are then resolved from the type, as on
 * the ZeroMQ client. Copies from the other subscriptions are dropped silently: they are not loss.
 * While a subscription is being removed, a copy that already arrived through it and another that
 * arrives through the next one may both pass, the one case of a duplicate, and only for events
 * published at that moment.
 * <p>
 * A consumer group's handlers subscribe in a NATS queue group of the group's name, which the server
 * delivers each message to one member of, over every subject the members subscribe to: these messages
 * are passed on with their group, never deduplicated (there is nothing to deduplicate), and play no
 * part in choosing the canonical plain subscription.
 * <p>
 * Changed under the entry point's lock; {@link #isCanonical} is called by the dispatcher thread.
 */
final class SubjectSubscriptions {

	private static final int CACHE_LIMIT = 10_000;

	private final Map<String, Entry> bySubject = new HashMap<>();

	private final Runnable taken;

	private final Receiver receiver;

	private volatile Entry[] entries = new Entry[0];

	/** The rank of the canonical subscription by message subject, forgotten at every change. */
	private volatile Map<String, Long> canonical = new ConcurrentHashMap<>();

	private Dispatcher dispatcher;

	private long nextRank;

	/**
	 * @param taken told of every message jnats hands over, copies included, before the receiver
	 * @param receiver gets each message once, from its canonical subscription or its queue group, on the
	 * dispatcher thread
	 */
	SubjectSubscriptions(Runnable taken, Receiver receiver) {
		this.taken = taken;
		this.receiver = receiver;
	}

	/**
	 * Subscribes every subject counted so far on a dispatcher, and every later one as it comes.
	 * @param dispatcher the dispatcher of the connection
	 */
	synchronized void start(Dispatcher dispatcher) {
		this.dispatcher = dispatcher;
		for (Entry entry : this.bySubject.values()) {
			subscribe(entry);
		}
	}

	/**
	 * @param subject a subject one more pattern needs
	 * @param group the consumer group of the pattern's handler, {@code null} for none
	 * @return whether it is new, and so has to be proven live
	 */
	synchronized boolean add(String subject, String group) {
		Entry entry = this.bySubject.get(key(subject, group));
		if (entry != null) {
			entry.count++;
			return false;
		}
		Entry added = new Entry(subject, group, this.nextRank++);
		this.bySubject.put(key(subject, group), added);
		if (this.dispatcher != null) {
			subscribe(added);
		}
		changed();
		return true;
	}

	/**
	 * @param subject a subject one pattern less needs
	 * @param group the consumer group of the pattern's handler, {@code null} for none
	 */
	synchronized void remove(String subject, String group) {
		Entry entry = this.bySubject.get(key(subject, group));
		if (entry == null || --entry.count > 0) {
			return;
		}
		this.bySubject.remove(key(subject, group));
		if (this.dispatcher != null && entry.subscription != null && this.dispatcher.isActive()) {
			this.dispatcher.unsubscribe(entry.subscription);
		}
		changed();
	}

	/** Subjects cannot hold a space, so it separates the queue group from the subject. */
	private static String key(String subject, String group) {
		return (group != null) ? subject + " " + group : subject;
	}

	private void subscribe(Entry entry) {
		entry.subscription = (entry.group != null)
				? this.dispatcher.subscribe(entry.subject, entry.group, (message) -> deliver(entry, message))
				: this.dispatcher.subscribe(entry.subject, (message) -> deliver(entry, message));
	}

	private void changed() {
		this.entries = this.bySubject.values().stream().filter((entry) -> entry.group == null).toArray(Entry[]::new);
		this.canonical = new ConcurrentHashMap<>();
	}

	private void deliver(Entry entry, Message message) {
		this.taken.run();
		if (entry.group != null || isCanonical(entry.rank, message.getSubject())) {
			this.receiver.received(message, entry.group);
		}
	}

	/**
	 * @param rank the rank of the subscription a message came through
	 * @param subject the message's subject
	 * @return whether no older plain subscription matches the subject
	 */
	boolean isCanonical(long rank, String subject) {
		Map<String, Long> cache = this.canonical;
		Long oldest = cache.get(subject);
		if (oldest == null) {
			oldest = rank;
			for (Entry entry : this.entries) {
				if (entry.rank < oldest && matches(entry.subject, subject)) {
					oldest = entry.rank;
				}
			}
			if (cache.size() >= CACHE_LIMIT) {
				cache.clear();
			}
			cache.put(subject, oldest);
		}
		return oldest == rank;
	}

	/**
	 * NATS's matching: {@code *} is one token, a last {@code >} one or more.
	 * @param filter a subscription's subject
	 * @param subject a message's subject, without wildcards
	 * @return whether the server delivers the message to the subscription
	 */
	static boolean matches(String filter, String subject) {
		int f = 0;
		int s = 0;
		while (true) {
			int fEnd = filter.indexOf('.', f);
			int sEnd = subject.indexOf('.', s);
			String token = filter.substring(f, (fEnd < 0) ? filter.length() : fEnd);
			if (token.equals(">")) {
				return s <= subject.length();
			}
			int length = ((sEnd < 0) ? subject.length() : sEnd) - s;
			if (!token.equals("*") && (token.length() != length || !subject.regionMatches(s, token, 0, length))) {
				return false;
			}
			if (fEnd < 0 || sEnd < 0) {
				return fEnd < 0 && sEnd < 0;
			}
			f = fEnd + 1;
			s = sEnd + 1;
		}
	}

	/** Gets the messages of the subscriptions. */
	@FunctionalInterface
	interface Receiver {

		/**
		 * @param message a message
		 * @param group the queue group it was delivered to, {@code null} for a plain subscription's
		 */
		void received(Message message, String group);
	}

	/**
	 * One subject (and queue group), the rank that orders it among the others, and how many patterns
	 * need it.
	 */
	private static final class Entry {

		private final String subject;

		private final String group;

		private final long rank;

		private int count = 1;

		private Subscription subscription;

		Entry(String subject, String group, long rank) {
			this.subject = subject;
			this.group = group;
			this.rank = rank;
		}
	}
}
