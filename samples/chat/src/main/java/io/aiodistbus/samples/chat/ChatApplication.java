package io.aiodistbus.samples.chat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * One application, three roles chosen by properties: {@code aiodistbus.mode=broker} runs the broker,
 * {@code aiodistbus.mode=client} with {@code chat.name=alice} (or bob) runs a chat service that sends
 * a message every {@code chat.every} and answers what the others say, and {@code aiodistbus.mode=nats}
 * runs the same service on a NATS server. See {@code samples/run-demo.sh}.
 */
@SpringBootApplication
@EnableScheduling
public class ChatApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChatApplication.class, args);
	}
}
