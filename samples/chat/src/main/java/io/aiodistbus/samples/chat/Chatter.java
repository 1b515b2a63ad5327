package io.aiodistbus.samples.chat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.aiodistbus.DeadLetterHeaders;
import io.aiodistbus.EntryPoint;
import io.aiodistbus.event.Event;
import io.aiodistbus.spring.EventHandler;

/**
 * A chat service: says something every few seconds, answers every message from someone else, and
 * logs what it hears. Its archive fails now and then, to show retries and dead letters across JVMs
 * (configured by {@code aiodistbus.error.*} in application.yml). Every message is moderated by one
 * chat service of all (a consumer group), and every third turn it asks the bus for the time (a
 * request, answered by one member of the {@code clock} group). Runs where a {@code chat.name} is given,
 * on the broker ({@code aiodistbus.mode=client}) or on NATS ({@code aiodistbus.mode=nats}) alike; the
 * broker's own JVM has nothing to say.
 */
@Component
@ConditionalOnProperty(name = "chat.name")
public class Chatter {

	private static final Logger logger = LoggerFactory.getLogger(Chatter.class);

	private final EntryPoint entryPoint;

	private final String name;

	private final AtomicLong said = new AtomicLong();

	private final Map<String, Integer> archiveAttempts = new ConcurrentHashMap<>();

	public Chatter(EntryPoint entryPoint, @Value("${chat.name}") String name) {
		this.entryPoint = entryPoint;
		this.name = name;
	}

	@Scheduled(initialDelayString = "${chat.every:2s}", fixedDelayString = "${chat.every:2s}")
	public void speak() {
		long number = this.said.incrementAndGet();
		this.entryPoint.emit(new ChatMessage(this.name, "hello from " + this.name, number));
		if (number % 3 == 0) {
			this.entryPoint.request("chat.time", this.name, String.class, Duration.ofSeconds(2))
				.whenComplete((time, ex) -> {
					if (ex == null) {
						logger.info("[{}] asked the time: {}", this.name, time);
					}
					else {
						logger.info("[{}] asked the time, no answer: {}", this.name, ex.getMessage());
					}
				});
		}
	}

	/** One moderator per message, whichever chat service the broker picks: a consumer group. */
	@EventHandler(value = "chat.message", group = "moderators")
	public void moderate(ChatMessage message) {
		logger.info("[{}] moderated {} #{} (one moderator per message)", this.name, message.from(), message.number());
	}

	/** Answers a request for the time; one member of the group answers each. */
	@EventHandler(value = "chat.time", group = "clock")
	public String time(String asker) {
		return this.name + "'s clock says " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " (asked by " + asker + ")";
	}

	@EventHandler
	public void onMessage(ChatMessage message) {
		if (message.from().equals(this.name)) {
			return;
		}
		logger.info("[{}] heard {} say '{}' (#{})", this.name, message.from(), message.text(), message.number());
		this.entryPoint.emit(new ChatReply(this.name, message.from(), message.number()));
	}

	@EventHandler
	public void onReply(ChatReply reply) {
		if (reply.to().equals(this.name)) {
			logger.info("[{}] {} answered message #{}", this.name, reply.from(), reply.number());
		}
	}

	/**
	 * Archives the others' messages, but is busy on the first attempt at every third one (the retry
	 * archives it) and refuses every fifth (each attempt fails; after the last, the message goes to
	 * {@code chat.message.dlt}).
	 */
	@EventHandler
	public void archive(ChatMessage message) {
		if (message.from().equals(this.name)) {
			return;
		}
		String key = message.from() + " #" + message.number();
		int attempt = this.archiveAttempts.merge(key, 1, Integer::sum);
		if (message.number() % 5 == 0) {
			throw new IllegalStateException("the archive refuses " + key);
		}
		if (message.number() % 3 == 0 && attempt == 1) {
			throw new IllegalStateException("the archive is busy");
		}
		this.archiveAttempts.remove(key);
		if (attempt > 1) {
			logger.info("[{}] archived {} on attempt {}", this.name, key, attempt);
		}
	}

	@EventHandler("chat.message.dlt")
	public void onDeadLetter(Event event) {
		if (!(event.data() instanceof ChatMessage message)) {
			return;
		}
		this.archiveAttempts.remove(message.from() + " #" + message.number());
		logger.info("[{}] dead letter: {} #{} gave up after {} attempts ({})", this.name, message.from(),
				message.number(), event.headers().get(DeadLetterHeaders.ATTEMPTS),
				event.headers().get(DeadLetterHeaders.EXCEPTION_MESSAGE));
	}

	@EventHandler("chat.*")
	public void onAnything(Event event) {
		logger.debug("[{}] saw {} ({})", this.name, event.type(), event.dtype());
	}
}
