package io.aiodistbus.autoconfigure.scan;

import io.aiodistbus.event.BusEvent;

@BusEvent(value = "scan.found", dtype = "scan_tests.Scanned")
public record Scanned(int number) {
}
