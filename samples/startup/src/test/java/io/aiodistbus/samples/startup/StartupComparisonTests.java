package io.aiodistbus.samples.startup;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one pair of start-ups, so that the comparison never rots. It asserts that both runs produced
 * their figures and that the one with the starter connected, and no timing: on a shared machine
 * timings prove nothing.
 */
class StartupComparisonTests {

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void onePairProducesBothFigures() throws Exception {
		Comparison comparison = StartupComparison.run(1, 0);
		System.out.println(comparison.markdown());
		assertThat(comparison.without()).singleElement()
			.satisfies((run) -> assertThat(run.startedIn()).isPositive());
		assertThat(comparison.with()).singleElement().satisfies((run) -> assertThat(run.startedIn()).isPositive());
		assertThat(comparison.handshakes()).isPositive();
	}
}
