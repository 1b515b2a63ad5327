package io.aiodistbus.codec;

import io.aiodistbus.event.BusEvent;

@BusEvent(dtype = "__main__.Greeting")
public record Greeting(String name, int count) {
}
