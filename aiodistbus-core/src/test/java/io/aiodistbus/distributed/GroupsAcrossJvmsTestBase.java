package io.aiodistbus.distributed;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.NoRespondersException;
import io.aiodistbus.RequestTimeoutException;
import io.aiodistbus.contract.CompletableFutureAssert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consumer groups and request/reply with the members and the responder in other JVMs
 * ({@link RemoteServices}), one scenario for every transport that has them: a subclass provides the bus
 * (a broker, a NATS server), this JVM's entry point, and the JVMs' main class.
 */
public abstract class GroupsAcrossJvmsTestBase {

	@TempDir
	Path logs;

	private ChildJvms jvms;

	private EntryPoint client;

	@BeforeEach
	void childJvms() {
		this.jvms = new ChildJvms(this.logs);
	}

	/** @return a new entry point on the bus under test, not yet connected */
	protected abstract EntryPoint newEntryPoint();

	/** Connects an entry point of {@link #newEntryPoint()} and returns once its handlers are live. */
	protected abstract void connect(EntryPoint entryPoint);

	/**
	 * @return the main class of the other JVMs: {@link RemoteServices#run} on the bus under test, whose
	 * arguments follow {@link #servicesArguments()}
	 */
	protected abstract Class<?> servicesMain();

	/** @return the arguments that tell the other JVMs where the bus is */
	protected abstract List<String> servicesArguments();

	/** @return how many members of the group the bus knows now, as it sees joins and leaves */
	protected abstract int groupMembers();

	/** Closes the bus under test. */
	protected abstract void closeBus();

	@BeforeAll
	static void generousTimeouts() {
		Awaitility.setDefaultTimeout(Duration.ofSeconds(45));
		Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
	}

	@AfterEach
	void close() {
		this.jvms.close();
		if (this.client != null) {
			this.client.close();
		}
		closeBus();
	}

	private EntryPoint client() {
		if (this.client == null) {
			this.client = newEntryPoint();
		}
		return this.client;
	}

	/**
	 * 3,000 work items over three member JVMs: before the kill of one, each item is handled once; the
	 * items routed to the killed member and not reported are lost (at most once), every item emitted
	 * after the bus saw it leave is handled by the two others, and nothing is handled twice.
	 */
	@Test
	void threeMembersHandleEachEventOnceAndAKilledMemberLosesOnlyWhatWasRoutedToIt() throws Exception {
		Map<Integer, List<String>> handledBy = new ConcurrentHashMap<>();
		EntryPoint client = client();
		client.on(RemoteServices.DONE, String.class, (done) -> {
			String[] parts = done.split(":");
			handledBy.computeIfAbsent(Integer.parseInt(parts[1]), (n) -> new CopyOnWriteArrayList<>()).add(parts[0]);
		});
		connect(client);
		Process a = startServices("a", "member", "a");
		Process b = startServices("b", "member", "b");
		Process c = startServices("c", "member", "c");
		awaitReady("a", a);
		awaitReady("b", b);
		awaitReady("c", c);
		await().until(() -> groupMembers() == 3);

		// phase 1: 1,500 items, each handled exactly once, spread over the three
		for (int i = 0; i < 1_500; i++) {
			client.emit(RemoteServices.WORK, i);
		}
		await().until(() -> countBelow(handledBy, 1_500) == 1_500);
		assertThat(membersOf(handledBy, 0, 1_500)).containsExactlyInAnyOrder("a", "b", "c");

		// phase 2: 750 items at a steady pace, member c killed a third of the way
		for (int i = 1_500; i < 2_250; i++) {
			client.emit(RemoteServices.WORK, i);
			if (i == 1_750) {
				c.destroyForcibly();
			}
			LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
		}
		assertThat(c.waitFor(20, TimeUnit.SECONDS)).isTrue();
		// its dropped connection makes the bus drop its subscription: c leaves by itself
		await().until(() -> groupMembers() == 2);

		// phase 3: 750 more, all handled by a and b
		for (int i = 2_250; i < 3_000; i++) {
			client.emit(RemoteServices.WORK, i);
		}
		await().until(() -> countFrom(handledBy, 2_250) == 750);
		Set<String> after = membersOf(handledBy, 2_250, 3_000);
		assertThat(after).containsExactlyInAnyOrder("a", "b");

		// a barrier through both survivors: every report they sent before it has arrived
		for (int i = 3_000; i < 3_010; i++) {
			client.emit(RemoteServices.WORK, i);
		}
		await().until(() -> countFrom(handledBy, 3_000) == 10);
		int handled = handledBy.keySet().stream().filter((n) -> n < 3_000).mapToInt((n) -> 1).sum();
		Set<Integer> lost = new HashSet<>();
		for (int i = 0; i < 3_000; i++) {
			if (!handledBy.containsKey(i)) {
				lost.add(i);
			}
		}
		assertThat(handledBy.values()).allSatisfy((members) -> assertThat(members).hasSize(1));
		assertThat(handled + lost.size()).isEqualTo(3_000);
		// lost: only items of phase 2, routed to c before the bus saw it leave
		assertThat(lost).allSatisfy((n) -> assertThat(n).isBetween(1_500, 2_249));
		assertThat(handledBy.entrySet().stream()
			.filter((entry) -> entry.getKey() > 1_750 && entry.getKey() < 2_250 && entry.getValue().contains("c")))
			.as("items c reported after its kill").isEmpty();
		System.out.println("groups across JVMs: " + handled + " handled, " + lost.size() + " lost with the killed member");
	}

	@Test
	void requestsAreAnsweredAcrossJvmsAndTimeOutOrFindNoResponders() throws Exception {
		EntryPoint client = client();
		connect(client);
		Process responder = startServices("responder", "responder");
		awaitReady("responder", responder);

		assertThat(client.request(RemoteServices.DOUBLE, 21, Integer.class, Duration.ofSeconds(10))
			.get(20, TimeUnit.SECONDS)).isEqualTo(42);
		CompletableFutureAssert.assertFailsWith(
				client.request(RemoteServices.SILENT, 1, Integer.class, Duration.ofMillis(500)),
				RequestTimeoutException.class);
		CompletableFutureAssert.assertFailsWith(
				client.request("nobody.home", 1, Integer.class, Duration.ofSeconds(15)),
				NoRespondersException.class);
	}

	private static long countBelow(Map<Integer, List<String>> handledBy, int limit) {
		return handledBy.keySet().stream().filter((n) -> n < limit).count();
	}

	private static long countFrom(Map<Integer, List<String>> handledBy, int from) {
		return handledBy.keySet().stream().filter((n) -> n >= from).count();
	}

	private static Set<String> membersOf(Map<Integer, List<String>> handledBy, int from, int to) {
		Set<String> members = new HashSet<>();
		handledBy.forEach((n, by) -> {
			if (n >= from && n < to) {
				members.addAll(by);
			}
		});
		return members;
	}

	private void awaitReady(String name, Process process) {
		await().failFast("JVM " + name + " exited", () -> !process.isAlive()).until(() -> log(name).contains("READY"));
	}

	private Process startServices(String name, String... args) throws IOException {
		List<String> all = new ArrayList<>(servicesArguments());
		all.addAll(List.of(args));
		return this.jvms.start(name, servicesMain(), all.toArray(String[]::new));
	}

	private String log(String name) throws IOException {
		return this.jvms.log(name);
	}
}
