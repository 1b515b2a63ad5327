package io.aiodistbus.broker;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TypeTrafficTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void rateShouldSpanTheLastTenSecondsOfSamples() {
		RateWindow rate = new RateWindow();
		assertThat(rate.perSecond()).isZero();
		for (int second = 0; second <= 20; second++) {
			// 100 events a second for ten seconds, then nothing
			rate.sample(second * SECOND, Math.min(second, 10) * 100L);
		}
		assertThat(rate.perSecond()).isZero();
		RateWindow steady = new RateWindow();
		for (int second = 0; second <= 20; second++) {
			steady.sample(second * SECOND, second * 50L);
		}
		assertThat(steady.perSecond()).isCloseTo(50.0, within(0.01));
	}

	@Test
	void typesBeyondTheLimitShouldBeCountedTogether() {
		List<String> announced = new ArrayList<>();
		TypeTraffic traffic = new TypeTraffic((type, count) -> announced.add(type));
		for (int i = 0; i < TypeTraffic.MAX_TYPES + 50; i++) {
			traffic.count("type." + i);
		}
		traffic.count("type.0");
		assertThat(announced).hasSize(TypeTraffic.MAX_TYPES + 1).contains(TypeTraffic.OTHER);
		assertThat(traffic.snapshot()).filteredOn((type) -> type.type().equals(TypeTraffic.OTHER))
			.singleElement()
			.satisfies((other) -> assertThat(other.count()).isEqualTo(50));
		assertThat(traffic.snapshot()).filteredOn((type) -> type.type().equals("type.0"))
			.singleElement()
			.satisfies((first) -> assertThat(first.count()).isEqualTo(2));
	}

}
