package io.aiodistbus.distributed;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.aiodistbus.contract.Greeting;
import io.aiodistbus.event.Event;
import io.aiodistbus.local.EventBus;
import io.aiodistbus.local.LocalEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A payload class without {@code @BusEvent(dtype)} goes on the wire under its Java class name, which
 * Python peers cannot import: the first distributed emit of such a class warns, once.
 */
class ClassNameDtypeWarningTests {

	/** Unannotated, and used by no other test, since the warning is once per class per JVM. */
	record Unnamed(String text) {
	}

	/** Unannotated, emitted only on the local bus. */
	record LocalOnly(String text) {
	}

	private final Loopback loopback = new Loopback(BrokerOptions.defaults());

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger("io.aiodistbus");

	@BeforeEach
	void captureLog() {
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void close() {
		this.logger.detachAppender(this.appender);
		this.loopback.close();
	}

	@Test
	void firstDistributedEmitOfAClassNamedByItsJavaNameWarnsOnce() {
		DEntryPoint sender = this.loopback.client(ClientOptions.defaults());
		sender.connect("127.0.0.1", this.loopback.broker().port());

		Event first = sender.emit("unnamed", new Unnamed("one"));
		sender.emit("unnamed", new Unnamed("two"));
		sender.emit(new Greeting("named", 1));
		sender.emit("builtin", "text");

		assertThat(first.dtype()).isEqualTo(Unnamed.class.getName());
		List<String> warnings = warnings();
		assertThat(warnings).singleElement()
			.asString()
			.contains(Unnamed.class.getName())
			.contains("@BusEvent(dtype = ...)")
			.contains("Python");
	}

	@Test
	void localEmitDoesNotWarn() {
		try (EventBus bus = new EventBus()) {
			LocalEntryPoint sender = bus.entryPoint();

			sender.emit("local", new LocalOnly("x"));
		}

		assertThat(warnings()).isEmpty();
	}

	private List<String> warnings() {
		return this.appender.list.stream()
			.filter((event) -> event.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.filter((message) -> message.contains("@BusEvent"))
			.toList();
	}
}
