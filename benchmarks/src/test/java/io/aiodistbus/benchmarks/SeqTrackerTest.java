package io.aiodistbus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqTrackerTest {

	@Test
	void countsLossDuplicatesAndReorderingPerPublisher() {
		SeqTracker tracker = new SeqTracker(1, 2, 4, -1);
		for (long seq : new long[] { 0, 1, 3, 2, 3 }) {
			tracker.accept(Tick.of(1, 0, seq));
		}
		tracker.accept(Tick.of(1, 1, 0));
		SeqTracker.Delivery delivery = tracker.delivery();
		assertThat(delivery.expected()).isEqualTo(8);
		assertThat(delivery.received()).isEqualTo(5);
		assertThat(delivery.lost()).isEqualTo(3);
		assertThat(delivery.duplicated()).isEqualTo(1);
		assertThat(delivery.outOfOrder()).isEqualTo(1);
		assertThat(tracker.complete()).isFalse();
	}

	@Test
	void ignoresProbesOwnEchoesAndOtherRounds() {
		SeqTracker tracker = new SeqTracker(2, 2, 1, 0);
		tracker.accept(new Tick(2, 1, -1, 0, "probe"));
		tracker.accept(Tick.of(2, 0, 0));
		tracker.accept(Tick.of(1, 1, 0));
		assertThat(tracker.ready()).isTrue();
		assertThat(tracker.received()).isZero();
		assertThat(tracker.delivery().stale()).isEqualTo(1);
		tracker.accept(Tick.of(2, 1, 0));
		assertThat(tracker.complete()).isTrue();
	}

	@Test
	void aRunStoppedOnTimeExpectsWhatWasSent() {
		SeqTracker tracker = new SeqTracker(1, 1, 100, -1);
		tracker.expect(2);
		tracker.accept(Tick.of(1, 0, 0));
		tracker.accept(Tick.of(1, 0, 1));
		assertThat(tracker.complete()).isTrue();
	}
}
