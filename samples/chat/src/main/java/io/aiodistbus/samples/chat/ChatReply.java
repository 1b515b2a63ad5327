package io.aiodistbus.samples.chat;

import io.aiodistbus.event.BusEvent;

/** An answer to a {@link ChatMessage}. */
@BusEvent(value = "chat.reply", dtype = "chat.ChatReply")
public record ChatReply(String from, String to, long number) {
}
