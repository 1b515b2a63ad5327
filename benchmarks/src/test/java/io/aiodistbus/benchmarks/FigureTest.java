package io.aiodistbus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FigureTest {

	@Test
	void medianOfOddAndEvenCounts() {
		assertThat(Figure.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Figure(2, 1, 3, 3));
		assertThat(Figure.of(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(new Figure(2.5, 1, 4, 4));
	}

	@Test
	void unmeasuredSamplesAreLeftOut() {
		assertThat(Figure.of(List.of(Double.NaN, 5.0))).isEqualTo(new Figure(5, 5, 5, 1));
		assertThat(Figure.of(List.of()).measured()).isFalse();
	}
}
