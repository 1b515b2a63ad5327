package io.aiodistbus.samples.chat;

import io.aiodistbus.event.BusEvent;

/**
 * What one chat service says to the others. The dtype names the Python dataclass a Python service
 * would register for the same payload.
 */
@BusEvent(value = "chat.message", dtype = "chat.ChatMessage")
public record ChatMessage(String from, String text, long number) {
}
