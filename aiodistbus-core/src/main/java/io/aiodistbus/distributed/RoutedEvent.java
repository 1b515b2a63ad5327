package io.aiodistbus.distributed;

import io.aiodistbus.internal.wire.WireEvent;

/**
 * An event the broker routed to this client for one of its consumer groups, on its way to that group's
 * handlers.
 *
 * @param group the group
 * @param event the event
 */
record RoutedEvent(String group, WireEvent event) {
}
