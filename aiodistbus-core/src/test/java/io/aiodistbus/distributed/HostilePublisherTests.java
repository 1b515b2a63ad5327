package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.aiodistbus.contract.Catcher;
import io.aiodistbus.internal.dispatch.SequenceTracker;
import io.aiodistbus.internal.wire.Crc32s;
import io.aiodistbus.internal.wire.EventJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loss counters take the publishers' sequence numbers at their word only within a bound: events
 * crafted on a raw PUSH socket with implausible numbers, or numbers that start again at 1, count as
 * new epochs, never as millions lost.
 */
class HostilePublisherTests {

	private static final String TYPE = "hostile.n";

	private final Loopback loopback = new Loopback(BrokerOptions.defaults());

	private final ZContext raw = new ZContext(1);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(DEntryPoint.class);

	private final Catcher<Integer> received = new Catcher<>();

	private DEntryPoint receiver;

	private ZMQ.Socket push;

	@BeforeEach
	void connect() {
		this.appender.start();
		this.logger.addAppender(this.appender);
		this.receiver = this.loopback.client(ClientOptions.defaults());
		this.receiver.on(TYPE, Integer.class, this.received);
		this.receiver.connect("127.0.0.1", this.loopback.broker().port());
		this.push = this.raw.createSocket(SocketType.PUSH);
		this.push.setLinger(0);
		// JeroMQ 0.6.0 sometimes stalls a fresh connection's handshake until this interval (30 s by default)
		this.push.setHandshakeIvl(Sockets.HANDSHAKE_INTERVAL_MS);
		this.push.setReconnectIVL(100);
		this.push.setSendTimeOut(10_000);
		this.push.connect(Sockets.tcp("127.0.0.1", this.loopback.broker().port() + 2));
	}

	@AfterEach
	void close() {
		this.logger.detachAppender(this.appender);
		this.raw.close();
		this.loopback.close();
	}

	@Test
	void oneImplausibleJumpIsANewEpochNotLoss() {
		send("x", 1);
		send("x", 1_000_000_001);
		awaitReceived(2);

		assertThat(this.receiver.stats().lost()).isZero();
		assertThat(this.receiver.stats().epochs()).isOne();

		send("x", 1_000_000_003);
		awaitReceived(3);
		assertThat(this.receiver.stats().lost()).as("counted from the new epoch on").isOne();
		assertThat(warnings()).singleElement()
			.asString()
			.contains("publisher x")
			.contains("'" + TYPE + "'")
			.contains("1000000001 after 1")
			.contains("new epoch");
	}

	@Test
	void numberingThatStartsAgainAtOneIsANewEpoch() {
		for (int seq : new int[] { 1, 2, 3, 4, 5, 1, 2, 3 }) {
			send("restarted", seq);
		}
		awaitReceived(8);

		ClientStats stats = this.receiver.stats();
		assertThat(stats.epochs()).isOne();
		assertThat(stats.lost()).isZero();
		assertThat(stats.outOfOrder()).isZero();
	}

	@Test
	void gapsUpToTheBoundAreCountedExactly() {
		send("honest", 1);
		send("honest", 1_001);
		send("honest", 1_002 + SequenceTracker.MAX_GAP);
		awaitReceived(3);
		assertThat(this.receiver.stats().lost()).isEqualTo(999 + SequenceTracker.MAX_GAP);
		assertThat(this.receiver.stats().epochs()).isZero();

		send("honest", 1_002 + SequenceTracker.MAX_GAP + 1 + SequenceTracker.MAX_GAP + 1);
		awaitReceived(4);
		assertThat(this.receiver.stats().lost()).isEqualTo(999 + SequenceTracker.MAX_GAP);
		assertThat(this.receiver.stats().epochs()).isOne();
	}

	private void send(String source, long sequence) {
		byte[] json = EventJson.write(TYPE, "7".getBytes(StandardCharsets.UTF_8), "builtins.int",
				UUID.randomUUID().toString(), "2026-12-01T12:00:00.000001", source, sequence);
		PyFrames.send(this.push, List.of(TYPE.getBytes(StandardCharsets.UTF_8), json, Crc32s.checksum(json)));
	}

	private void awaitReceived(int count) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.received.received())
				.as(() -> "received; broker " + this.loopback.broker().stats() + ", receiver " + this.receiver.stats())
				.hasSizeGreaterThanOrEqualTo(count));
	}

	private List<String> warnings() {
		return this.appender.list.stream()
			.filter((event) -> event.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.filter((message) -> message.contains("epoch"))
			.toList();
	}
}
