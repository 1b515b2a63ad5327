package io.aiodistbus.internal.dispatch;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the loss tracker remembers stays bounded whatever publishers claim to be.
 */
class SequenceTrackerTests {

	private final SequenceTracker tracker = new SequenceTracker(LoggerFactory.getLogger(SequenceTrackerTests.class),
			"test");

	@Test
	void freshPublisherIdsWithoutEndAreForgottenLeastRecentlyHeardFirst() {
		for (int i = 0; i < 3 * SequenceTracker.TRACKED; i++) {
			this.tracker.seen("honest", "t", i + 1);
			this.tracker.seen("fresh-" + i, "t", 1);
		}

		assertThat(this.tracker.tracked()).isLessThanOrEqualTo(SequenceTracker.TRACKED);
		this.tracker.seen("honest", "t", 3L * SequenceTracker.TRACKED + 10);
		assertThat(this.tracker.lost()).as("a publisher heard recently is still tracked").isEqualTo(9);
	}

	@Test
	void freshTypesOfOnePublisherAreBoundedToo() {
		for (int i = 0; i < 3 * SequenceTracker.TYPES; i++) {
			this.tracker.seen("many-types", "t" + i, 1);
		}

		assertThat(this.tracker.tracked()).isEqualTo(SequenceTracker.TYPES);
	}

	@Test
	void manyTypesOfManyPublishersAreBoundedInTotal() {
		for (int publisher = 0; publisher < 2 * SequenceTracker.TRACKED / SequenceTracker.TYPES; publisher++) {
			for (int i = 0; i < SequenceTracker.TYPES; i++) {
				this.tracker.seen("p" + publisher, "t" + i, 1);
			}
		}

		assertThat(this.tracker.tracked()).isLessThanOrEqualTo(SequenceTracker.TRACKED);
	}

	@Test
	void overlongIdsAndTypesAreNotTracked() {
		this.tracker.seen("x".repeat(SequenceTracker.MAX_SOURCE + 1), "t", 1);
		this.tracker.seen("p", "t".repeat(SequenceTracker.MAX_TYPE + 1), 1);

		assertThat(this.tracker.tracked()).isZero();
	}

	@Test
	void stepBackFartherThanTheBoundIsANewEpoch() {
		this.tracker.seen("p", "t", 5 + SequenceTracker.MAX_GAP);
		this.tracker.seen("p", "t", 2);
		this.tracker.seen("p", "t", 3);
		this.tracker.seen("p", "t", 2);

		assertThat(this.tracker.epochs()).isOne();
		assertThat(this.tracker.outOfOrder()).isOne();
		assertThat(this.tracker.lost()).isZero();
	}
}
