package io.aiodistbus.internal.dispatch;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiodistbus.event.Event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The emits an entry point keeps until its first connection: in order, up to the limit, and none
 * overtaking the flush.
 */
class PendingEmitsTests {

	private static final Logger logger = LoggerFactory.getLogger(PendingEmitsTests.class);

	private final PendingEmits pending = new PendingEmits(2);

	private final List<Object> sent = new ArrayList<>();

	@Test
	void keepsUpToTheLimitAndRefusesTheRest() {
		assertThat(this.pending.offer(event(1))).isEqualTo(PendingEmits.Offer.KEPT);
		assertThat(this.pending.offer(event(2))).isEqualTo(PendingEmits.Offer.KEPT);
		assertThat(this.pending.offer(event(3))).isEqualTo(PendingEmits.Offer.FULL);

		assertThat(this.pending.flush((event) -> this.sent.add(event.data()), logger, "test")).isEqualTo(2);
		assertThat(this.sent).containsExactly(1, 2);
	}

	@Test
	void anEmitDuringTheFlushIsFlushedAfterTheOthersAndOneAfterItIsSentByItsEmitter() {
		this.pending.offer(event(1));

		this.pending.flush((event) -> {
			this.sent.add(event.data());
			if (event.data().equals(1)) {
				assertThat(this.pending.offer(event(2))).isEqualTo(PendingEmits.Offer.KEPT);
			}
		}, logger, "test");

		assertThat(this.sent).containsExactly(1, 2);
		assertThat(this.pending.offer(event(3))).isEqualTo(PendingEmits.Offer.CLOSED);
	}

	@Test
	void aFailedSendDoesNotStopTheOthers() {
		this.pending.offer(event(1));
		this.pending.offer(event(2));

		int sent = this.pending.flush((event) -> {
			if (event.data().equals(1)) {
				throw new IllegalStateException("refused");
			}
			this.sent.add(event.data());
		}, logger, "test");

		assertThat(sent).isEqualTo(1);
		assertThat(this.sent).containsExactly(2);
	}

	@Test
	void aNegativeLimitIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PendingEmits(-1))
			.withMessage("pendingLimit must not be negative, was -1");
	}

	private static Event event(int value) {
		return Event.of("order", value, "int");
	}
}
