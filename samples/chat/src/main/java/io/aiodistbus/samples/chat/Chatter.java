package io.aiodistbus.samples.chat;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.event.Event;
import io.aiodistbus.spring.EventHandler;

/**
 * A chat service: says something every few seconds, answers every message from someone else, and
 * logs what it hears. Runs in client mode only; the broker has nothing to say.
 */
@Component
@ConditionalOnProperty(name = "aiodistbus.mode", havingValue = "client")
public class Chatter {

	private static final Logger logger = LoggerFactory.getLogger(Chatter.class);

	private final EntryPoint entryPoint;

	private final String name;

	private final AtomicLong said = new AtomicLong();

	public Chatter(EntryPoint entryPoint, @Value("${chat.name}") String name) {
		this.entryPoint = entryPoint;
		this.name = name;
	}

	@Scheduled(initialDelayString = "${chat.every:2s}", fixedDelayString = "${chat.every:2s}")
	public void speak() {
		this.entryPoint.emit(new ChatMessage(this.name, "hello from " + this.name, this.said.incrementAndGet()));
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

	@EventHandler("chat.*")
	public void onAnything(Event event) {
		logger.debug("[{}] saw {} ({})", this.name, event.type(), event.dtype());
	}
}
