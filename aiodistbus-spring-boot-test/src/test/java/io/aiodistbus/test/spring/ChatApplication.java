package io.aiodistbus.test.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.event.BusEvent;
import io.aiodistbus.spring.EventHandler;

/**
 * The application under test: it says hello on the bus and remembers what it heard.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ChatApplication {

	@Bean
	ChatService chatService(EntryPoint entryPoint) {
		return new ChatService(entryPoint);
	}

	@BusEvent(value = "chat.message", dtype = "chat.Message")
	record ChatMessage(String from, String text) {
	}

	static class ChatService {

		private final EntryPoint bus;

		final List<ChatMessage> heard = new CopyOnWriteArrayList<>();

		ChatService(EntryPoint bus) {
			this.bus = bus;
		}

		void send(String text) {
			this.bus.emit("chat.message", new ChatMessage("java", text));
		}

		@EventHandler("chat.message")
		void onMessage(ChatMessage message) {
			this.heard.add(message);
		}

	}

}
