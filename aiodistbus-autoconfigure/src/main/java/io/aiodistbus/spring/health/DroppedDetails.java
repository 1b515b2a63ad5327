package io.aiodistbus.spring.health;

import java.util.Map;
import java.util.TreeMap;

import io.aiodistbus.DropReason;

/**
 * Drop counters as health details: by {@linkplain DropReason#tag() tag}, only the reasons that
 * occurred, in a stable order.
 */
final class DroppedDetails {

	private DroppedDetails() {
	}

	static Map<String, Long> of(Map<DropReason, Long> dropped) {
		Map<String, Long> details = new TreeMap<>();
		dropped.forEach((reason, count) -> {
			if (count > 0) {
				details.put(reason.tag(), count);
			}
		});
		return details;
	}
}
