package io.aiodistbus.internal.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicIndexTests {

	private static final String[] ALPHABET = { "a", "b", "c" };

	private static final List<String> ODD_TYPES = List.of("", "a.", ".a", "a..b", "*", "a.*", "aiodistbus.eventbus.pulse",
			"aiodistbus.eventbus.close", "aiodistbus.other");

	private final TopicIndex<Integer> index = new TopicIndex<>();

	@Test
	void matchesLikeBruteForceOverRandomPatternsAndTypes() {
		Random random = new Random(42);
		List<TopicPattern> patterns = randomPatterns(random, 2_000);
		List<String> types = randomTypes(random, 2_000);
		for (int i = 0; i < patterns.size(); i++) {
			this.index.add(patterns.get(i), i);
		}
		assertThat(this.index.size()).isEqualTo(patterns.size());
		long matches = assertMatchesBruteForce(patterns, types);
		assertThat(matches).as("enough matches to be meaningful").isGreaterThan(100_000);
	}

	@Test
	void matchesLikeBruteForceAfterRandomRemovals() {
		Random random = new Random(7);
		List<TopicPattern> patterns = randomPatterns(random, 2_000);
		List<String> types = randomTypes(random, 500);
		for (int i = 0; i < patterns.size(); i++) {
			this.index.add(patterns.get(i), i);
		}
		List<TopicPattern> remaining = new ArrayList<>(patterns);
		for (int i = 0; i < patterns.size(); i++) {
			if (random.nextBoolean()) {
				assertThat(this.index.remove(patterns.get(i), i)).isTrue();
				remaining.set(i, null);
			}
		}
		assertMatchesBruteForce(remaining, types);
		for (int i = 0; i < patterns.size(); i++) {
			if (remaining.get(i) != null) {
				assertThat(this.index.remove(patterns.get(i), i)).isTrue();
			}
		}
		assertThat(this.index.isEmpty()).isTrue();
		assertThat(this.index.nodeCount()).isZero();
	}

	@Test
	void removalPrunesOnlyEmptyNodes() {
		this.index.add(TopicPattern.parse("a.b.c"), 1);
		this.index.add(TopicPattern.parse("a.*"), 2);
		this.index.add(TopicPattern.parse("a.*.c"), 3);
		assertThat(this.index.nodeCount()).isEqualTo(5);
		assertThat(this.index.remove(TopicPattern.parse("a.b.c"), 1)).isTrue();
		assertThat(this.index.nodeCount()).isEqualTo(3);
		assertThat(this.index.remove(TopicPattern.parse("a.*.c"), 3)).isTrue();
		assertThat(this.index.nodeCount()).isEqualTo(1);
		assertThat(this.index.match("a.x")).containsExactly(2);
		assertThat(this.index.remove(TopicPattern.parse("a.*"), 2)).isTrue();
		assertThat(this.index.nodeCount()).isZero();
		assertThat(this.index.isEmpty()).isTrue();
	}

	@Test
	void removeOfUnknownRegistrationReturnsFalse() {
		this.index.add(TopicPattern.parse("a.*"), 1);
		assertThat(this.index.remove(TopicPattern.parse("a.*"), 2)).isFalse();
		assertThat(this.index.remove(TopicPattern.parse("a.b"), 1)).isFalse();
		assertThat(this.index.remove(TopicPattern.parse("x.y.z"), 1)).isFalse();
		assertThat(this.index.remove(TopicPattern.parse("a.*.*"), 1)).isFalse();
		assertThat(this.index.size()).isOne();
		assertThat(this.index.nodeCount()).isOne();
	}

	@Test
	void duplicatesAreKeptPerRegistrationInOrder() {
		TopicPattern pattern = TopicPattern.parse("a.*");
		this.index.add(pattern, 3);
		this.index.add(pattern, 1);
		this.index.add(pattern, 3);
		this.index.add(pattern, 2);
		assertThat(this.index.match("a.b")).containsExactly(3, 1, 3, 2);
		assertThat(this.index.remove(pattern, 3)).isTrue();
		assertThat(this.index.match("a.b")).containsExactly(1, 3, 2);
		assertThat(this.index.size()).isEqualTo(3);
	}

	@Test
	void removeIfRemovesAcrossPatternsAndPrunes() {
		this.index.add(TopicPattern.parse("*"), 1);
		this.index.add(TopicPattern.parse("a.b"), 1);
		this.index.add(TopicPattern.parse("a.*.c"), 1);
		this.index.add(TopicPattern.parse("a.b"), 2);
		assertThat(this.index.removeIf((value) -> value == 1)).isTrue();
		assertThat(this.index.removeIf((value) -> value == 1)).isFalse();
		assertThat(this.index.size()).isOne();
		assertThat(this.index.match("a.b")).containsExactly(2);
		assertThat(this.index.nodeCount()).isEqualTo(2);
	}

	@Test
	void reservedTypesMatchOnlyExactPatterns() {
		this.index.add(TopicPattern.parse("*"), 1);
		this.index.add(TopicPattern.parse("aiodistbus.*"), 2);
		this.index.add(TopicPattern.parse("aiodistbus.*.pulse"), 3);
		this.index.add(TopicPattern.parse("aiodistbus.eventbus.pulse"), 4);
		this.index.add(TopicPattern.parse("aiodistbus.eventbus"), 5);
		assertThat(this.index.match("aiodistbus.eventbus.pulse")).containsExactly(4);
		assertThat(this.index.match("aiodistbus.eventbus.close")).isEmpty();
		assertThat(this.index.match("aiodistbus.eventbus")).containsExactlyInAnyOrder(1, 2, 5);
	}

	@Test
	void typeWithStarSegmentIsMatchedOnce() {
		this.index.add(TopicPattern.parse("a.*"), 1);
		this.index.add(TopicPattern.parse("a.*.c"), 2);
		assertThat(this.index.match("a.*")).containsExactly(1);
		assertThat(this.index.match("a.*.c")).containsExactlyInAnyOrder(1, 2);
	}

	@Test
	void manyPatternsUnderDistinctPrefixes() {
		for (int i = 0; i < 10_000; i++) {
			this.index.add(TopicPattern.parse("p" + i + ".*"), i);
		}
		this.index.add(TopicPattern.parse("p123.x"), -1);
		assertThat(this.index.size()).isEqualTo(10_001);
		assertThat(this.index.match("x.y")).isEmpty();
		assertThat(this.index.match("p123")).isEmpty();
		assertThat(this.index.match("p123.y")).containsExactly(123);
		assertThat(this.index.match("p123.x")).containsExactlyInAnyOrder(123, -1);
		assertThat(this.index.match("p9999.a.b")).containsExactly(9999);
	}

	@Test
	void readersAlwaysSeeStablePatternsWhileAWriterChurns() throws Exception {
		TopicPattern pinnedWildcard = TopicPattern.parse("a.*");
		TopicPattern pinnedExact = TopicPattern.parse("a.b");
		this.index.add(pinnedWildcard, -1);
		this.index.add(pinnedExact, -2);
		List<TopicPattern> churned = List.of(TopicPattern.parse("a.b"), TopicPattern.parse("a.*"),
				TopicPattern.parse("*.b"), TopicPattern.parse("a.b.c"), TopicPattern.parse("*"),
				TopicPattern.parse("a.*.c"), TopicPattern.parse("x.y"));
		int writes = 20_000;
		int minimumReads = 2_000;
		CountDownLatch start = new CountDownLatch(1);
		CountDownLatch writerDone = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(3);
		try {
			Future<?> writer = executor.submit(() -> {
				start.await();
				try {
					for (int i = 0; i < writes; i++) {
						TopicPattern pattern = churned.get(i % churned.size());
						this.index.add(pattern, i);
						if (i >= churned.size()) {
							assertThat(this.index.remove(churned.get((i - 1) % churned.size()), i - 1)).isTrue();
						}
					}
				}
				finally {
					writerDone.countDown();
				}
				return null;
			});
			List<Future<Integer>> readers = new ArrayList<>();
			for (int r = 0; r < 2; r++) {
				readers.add(executor.submit(() -> {
					start.await();
					int reads = 0;
					while (writerDone.getCount() > 0 || reads < minimumReads) {
						assertThat(this.index.match("a.b")).contains(-1, -2);
						assertThat(this.index.match("a.b.c")).contains(-1);
						assertThat(this.index.match("a")).doesNotContain(-1, -2);
						reads++;
					}
					return reads;
				}));
			}
			start.countDown();
			writer.get(60, TimeUnit.SECONDS);
			for (Future<Integer> reader : readers) {
				assertThat(reader.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(minimumReads);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.index.match("a.b")).contains(-1, -2);
	}

	private long assertMatchesBruteForce(List<TopicPattern> patterns, List<String> types) {
		long matches = 0;
		for (String type : types) {
			List<Integer> expected = new ArrayList<>();
			for (int i = 0; i < patterns.size(); i++) {
				TopicPattern pattern = patterns.get(i);
				if (pattern != null && pattern.matches(type)) {
					expected.add(i);
				}
			}
			assertThat(this.index.match(type)).as(type).containsExactlyInAnyOrderElementsOf(expected);
			matches += expected.size();
		}
		return matches;
	}

	private static List<TopicPattern> randomPatterns(Random random, int count) {
		List<TopicPattern> patterns = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			StringBuilder text = new StringBuilder();
			int length = 1 + random.nextInt(4);
			for (int s = 0; s < length; s++) {
				if (s > 0) {
					text.append('.');
				}
				text.append((random.nextInt(4) == 0) ? "*" : ALPHABET[random.nextInt(ALPHABET.length)]);
			}
			patterns.add(TopicPattern.parse(text.toString()));
		}
		patterns.set(0, TopicPattern.parse("aiodistbus.eventbus.pulse"));
		patterns.set(1, TopicPattern.parse("aiodistbus.*"));
		return patterns;
	}

	private static List<String> randomTypes(Random random, int count) {
		List<String> types = new ArrayList<>(ODD_TYPES);
		while (types.size() < count) {
			StringBuilder text = new StringBuilder();
			int length = 1 + random.nextInt(5);
			for (int s = 0; s < length; s++) {
				if (s > 0) {
					text.append('.');
				}
				text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
			}
			types.add(text.toString());
		}
		return types;
	}
}
