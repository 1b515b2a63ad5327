package io.aiodistbus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Runs every part of the suite at smoke size, so that the benchmarks never rot. It asserts only that
 * each part ran and produced figures (NATS's and Redis's too, whose servers CI installs), and that
 * nothing arrived twice: timings on a shared CI machine prove nothing.
 */
class BenchmarkSuiteSmokeTest {

	@Test
	void everyPartRunsAndProducesFigures() throws Exception {
		ResultTable table = BenchmarkSuite.run(SuiteOptions.parse("--smoke"));
		List<ResultTable.Row> rows = table.rows();
		System.out.println(table.markdown());
		for (String part : List.of("local, 1 sub", "local, 10 sub", "codec", "throughput 1->1", "throughput 1->10",
				"throughput 1->50", "fan-out 1->50", "round trip @2k/s", "handler concurrency", "memory", "start-up", "stress 4 clients")) {
			assertThat(rows).filteredOn((row) -> row.part().equals(part)).as(part).isNotEmpty()
				.anySatisfy((row) -> assertThat(row.figure().measured()).isTrue());
		}
		for (String other : List.of(Contenders.NATS, Contenders.REDIS)) {
			for (String part : List.of("throughput 1->1", "throughput 1->10", "throughput 1->50", "fan-out 1->50")) {
				assertThat(rows).filteredOn((row) -> row.part().equals(part) && row.what().startsWith(other + " "))
					.as(other + " in " + part)
					.isNotEmpty()
					.allSatisfy((row) -> assertThat(row.figure().measured()).isTrue());
			}
			assertThat(rows).filteredOn((row) -> row.part().equals("round trip @2k/s") && row.what().startsWith(other))
				.as(other + " round trips")
				.extracting(ResultTable.Row::what)
				.contains(other + " p50", other + " p99");
		}
		assertThat(rows).filteredOn((row) -> row.part().equals("throughput 1->1"))
			.extracting(ResultTable.Row::what)
			.contains(Contenders.OURS_PYTHON + " deliveries/s", Contenders.OURS_CURVE + " deliveries/s",
					Contenders.OURS_PYTHON + " / bare relay", Contenders.OURS_CURVE + " / " + Contenders.OURS,
					Contenders.OURS + " / " + Contenders.NATS, Contenders.OURS_ON_NATS + " deliveries/s",
					Contenders.OURS_ON_NATS + " / " + Contenders.NATS);
		assertThat(rows).filteredOn((row) -> row.note().contains("dup ")).isNotEmpty()
			.allSatisfy((row) -> assertThat(row.note()).doesNotContainPattern("dup [1-9]"));
	}
}
