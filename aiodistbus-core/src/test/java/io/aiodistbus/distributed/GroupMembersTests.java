package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GroupMembersTests {

	private final GroupMembers members = new GroupMembers();

	@Test
	void joinsAndLeavesByNotice() {
		assertThat(this.members.apply(notice(1, "c1/billing/order.*/"))).isTrue();
		assertThat(this.members.apply(notice(1, "c2/billing/order.created/"))).isTrue();
		assertThat(this.members.size()).isEqualTo(2);
		assertThat(this.members.matches("order.created")).isTrue();
		assertThat(this.members.matches("order.deleted")).isTrue();
		assertThat(this.members.matches("user.created")).isFalse();

		this.members.apply(notice(0, "c1/billing/order.*/"));

		assertThat(this.members.size()).isEqualTo(1);
		assertThat(this.members.matches("order.deleted")).isFalse();
	}

	@Test
	void picksOneMemberPerGroupInTurn() {
		this.members.apply(notice(1, "c1/billing/order.*/"));
		this.members.apply(notice(1, "c2/billing/order.created/"));
		this.members.apply(notice(1, "c3/audit/*/"));

		List<String> chosen = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			this.members.route("order.created", (topic) -> chosen.add(new String(topic, StandardCharsets.UTF_8)));
		}

		assertThat(chosen).filteredOn((topic) -> topic.contains("/billing/")).containsExactly(member("c1/billing/order.*/"),
				member("c2/billing/order.created/"), member("c1/billing/order.*/"), member("c2/billing/order.created/"));
		assertThat(chosen).filteredOn((topic) -> topic.contains("/audit/")).hasSize(4);
	}

	@Test
	void reservedTypesAreNeverRouted() {
		this.members.apply(notice(1, "c1/all/*/"));

		assertThat(this.members.matches("aiodistbus.eventbus.reply.x.1")).isFalse();
	}

	@Test
	void malformedMemberTopicsAreIgnored() {
		assertThat(this.members.apply(notice(1, "c1/billing/order.*"))).isTrue();
		assertThat(this.members.apply(notice(1, "c1/bad*group/order.*/"))).isTrue();
		assertThat(this.members.apply(notice(1, "c1/billing/a..b/"))).isTrue();
		assertThat(this.members.apply(notice(1, "/billing/order.*/"))).isTrue();
		assertThat(this.members.apply(notice(1, "c1/billing/order/x/"))).isTrue();
		assertThat(this.members.apply("\u0001order.".getBytes(StandardCharsets.UTF_8))).isFalse();

		assertThat(this.members.size()).isZero();
	}

	private static String member(String rest) {
		return "aiodistbus.eventbus.member." + rest;
	}

	private static byte[] notice(int kind, String rest) {
		byte[] topic = member(rest).getBytes(StandardCharsets.UTF_8);
		byte[] notice = new byte[topic.length + 1];
		notice[0] = (byte) kind;
		System.arraycopy(topic, 0, notice, 1, topic.length);
		return notice;
	}
}
