package io.aiodistbus.contract;

import io.aiodistbus.event.BusEvent;

/** A record payload, named like the Python test's dataclass. */
@BusEvent(value = "demo.greeting", dtype = "__main__.Greeting")
public record Greeting(String name, int count) {
}
