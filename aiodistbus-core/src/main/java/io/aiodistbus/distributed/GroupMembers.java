package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.HandlerOptions;
import io.aiodistbus.event.ReservedTopics;
import io.aiodistbus.internal.topic.TopicPattern;

/**
 * The members of the consumer groups, as the broker learns them from the subscription notices of its
 * native publish socket: a client's grouped handler subscribes to a member topic,
 * {@code aiodistbus.eventbus.member.<client id>/<group>/<pattern>/}, instead of its pattern. A
 * subscribe notice is a join, an unsubscribe notice a leave; ZeroMQ's XPUB reports the unsubscriptions
 * of a subscriber whose connection dropped too, so dead members leave by themselves. For each event the
 * broker takes one member per group whose pattern matches, round robin per group. Used by the
 * broker's I/O thread only.
 */
final class GroupMembers {

	private static final Logger logger = LoggerFactory.getLogger(GroupMembers.class);

	private static final byte[] PREFIX = ReservedTopics.MEMBER_PREFIX.getBytes(StandardCharsets.US_ASCII);

	/** Member topics longer than this are refused: an id, a group of 64, a pattern. */
	static final int MAX_TOPIC = 512;

	/** Bounds what subscribers can make the broker hold. */
	static final int MAX_MEMBERS = 10_000;

	private static final int CACHE_LIMIT = 10_000;

	private final Map<String, Group> groups = new LinkedHashMap<>();

	private final Map<String, Member> members = new HashMap<>();

	/** The number of members, for other threads (stats, tests). */
	private volatile int count;

	/** Per event type, the members of each group whose pattern matches; emptied on every join or leave. */
	private final Map<String, Member[][]> candidates = new HashMap<>();

	/**
	 * @param notice a subscription notice of an XPUB socket
	 * @return whether it names a member topic (then applied when it is a valid one)
	 */
	boolean apply(byte[] notice) {
		if (!isMemberNotice(notice)) {
			return false;
		}
		String topic = new String(notice, 1, notice.length - 1, StandardCharsets.UTF_8);
		if (notice[0] == 1) {
			join(topic);
		}
		else if (notice[0] == 0) {
			leave(topic);
		}
		return true;
	}

	/**
	 * @param notice a subscription notice
	 * @return whether it subscribes or unsubscribes a member topic
	 */
	static boolean isMemberNotice(byte[] notice) {
		return notice.length > PREFIX.length && notice.length <= MAX_TOPIC + 1
				&& Arrays.equals(notice, 1, PREFIX.length + 1, PREFIX, 0, PREFIX.length);
	}

	private void join(String topic) {
		if (this.members.containsKey(topic)) {
			return;
		}
		if (this.members.size() >= MAX_MEMBERS) {
			logger.warn("Consumer group member {} refused: the broker holds {} members already", topic, MAX_MEMBERS);
			return;
		}
		String[] parts = topic.substring(ReservedTopics.MEMBER_PREFIX.length()).split("/", -1);
		if (parts.length != 4 || parts[0].isEmpty() || !parts[3].isEmpty()) {
			logger.debug("Ignored a malformed member topic {}", topic);
			return;
		}
		Member member;
		try {
			member = new Member(topic, topic.getBytes(StandardCharsets.UTF_8), parts[0],
					HandlerOptions.checkGroup(parts[1]), TopicPattern.parse(parts[2]));
		}
		catch (IllegalArgumentException ex) {
			logger.debug("Ignored a member topic {}: {}", topic, ex.getMessage());
			return;
		}
		this.members.put(topic, member);
		this.count = this.members.size();
		this.groups.computeIfAbsent(member.group(), (name) -> new Group()).members.add(member);
		this.candidates.clear();
		logger.debug("Client {} joined group {} for '{}'", member.client(), member.group(), member.pattern().text());
	}

	private void leave(String topic) {
		Member member = this.members.remove(topic);
		if (member == null) {
			return;
		}
		this.count = this.members.size();
		Group group = this.groups.get(member.group());
		group.members.remove(member);
		if (group.members.isEmpty()) {
			this.groups.remove(member.group());
		}
		this.candidates.clear();
		logger.debug("Client {} left group {} for '{}'", member.client(), member.group(), member.pattern().text());
	}

	/** @return whether no group has a member */
	boolean isEmpty() {
		return this.members.isEmpty();
	}

	/** @return how many members there are, over all groups; from any thread */
	int size() {
		return this.count;
	}

	/**
	 * @param type an event type
	 * @return whether a member of some group listens to it
	 */
	boolean matches(String type) {
		return !this.members.isEmpty() && candidatesOf(type).length > 0;
	}

	/**
	 * Chooses one member of each group that listens to the type, each group's next in turn.
	 * @param type an event type, not a reserved one
	 * @param sink gets the topic of each chosen member
	 */
	void route(String type, Consumer<byte[]> sink) {
		for (Member[] members : candidatesOf(type)) {
			Group group = this.groups.get(members[0].group());
			sink.accept(members[Math.floorMod(group.turn++, members.length)].topicBytes());
		}
	}

	private Member[][] candidatesOf(String type) {
		Member[][] found = this.candidates.get(type);
		if (found == null) {
			found = compute(type);
			if (this.candidates.size() >= CACHE_LIMIT) {
				this.candidates.clear();
			}
			this.candidates.put(type, found);
		}
		return found;
	}

	private Member[][] compute(String type) {
		if (ReservedTopics.isReserved(type)) {
			return new Member[0][];
		}
		List<Member[]> found = new ArrayList<>();
		for (Group group : this.groups.values()) {
			Member[] matching = group.members.stream().filter((member) -> member.pattern().matches(type))
				.toArray(Member[]::new);
			if (matching.length > 0) {
				found.add(matching);
			}
		}
		return found.toArray(new Member[0][]);
	}

	/** A group's members in joining order, and whose turn it is. */
	private static final class Group {

		private final List<Member> members = new ArrayList<>();

		private int turn;
	}

	private record Member(String topic, byte[] topicBytes, String client, String group, TopicPattern pattern) {
	}
}
