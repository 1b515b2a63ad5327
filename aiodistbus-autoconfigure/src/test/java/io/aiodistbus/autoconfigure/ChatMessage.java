package io.aiodistbus.autoconfigure;

import io.aiodistbus.event.BusEvent;

@BusEvent(value = "chat.message", dtype = "autoconfigure_tests.ChatMessage")
public record ChatMessage(String from, String text) {
}
