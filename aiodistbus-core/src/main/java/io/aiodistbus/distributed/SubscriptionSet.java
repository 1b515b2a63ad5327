package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prefixes subscribed on one of the broker's publish sockets, as its XPUB notices tell them, so
 * that the broker translates an event into that socket's format only while someone there can
 * receive it. Used by the broker's I/O thread only.
 */
final class SubscriptionSet {

	private final List<byte[]> prefixes = new ArrayList<>();

	private final List<int[]> counts = new ArrayList<>();

	/** What {@link #snapshot()} returns, made again on each change: notices are rare, reads are not. */
	private volatile Map<String, Integer> snapshot = Map.of();

	/**
	 * Applies a subscription notice: first byte 1 to subscribe, 0 to unsubscribe, then the prefix.
	 * @param notice the notice as the XPUB delivered it
	 */
	void apply(byte[] notice) {
		if (notice.length == 0 || (notice[0] != 0 && notice[0] != 1)) {
			return;
		}
		byte[] prefix = Arrays.copyOfRange(notice, 1, notice.length);
		int index = indexOf(prefix);
		if (notice[0] == 1) {
			if (index < 0) {
				this.prefixes.add(prefix);
				this.counts.add(new int[] { 1 });
			}
			else {
				this.counts.get(index)[0]++;
			}
		}
		else if (index >= 0 && --this.counts.get(index)[0] == 0) {
			this.prefixes.remove(index);
			this.counts.remove(index);
		}
		Map<String, Integer> next = new LinkedHashMap<>();
		for (int i = 0; i < this.prefixes.size(); i++) {
			next.merge(new String(this.prefixes.get(i), StandardCharsets.UTF_8), this.counts.get(i)[0], Integer::sum);
		}
		this.snapshot = Collections.unmodifiableMap(next);
	}

	/**
	 * @return the subscribed prefixes as text, with how many subscriptions each has; safe to call from
	 * any thread
	 */
	Map<String, Integer> snapshot() {
		return this.snapshot;
	}

	/**
	 * @param topic bytes starting with an event type
	 * @param length the type's length
	 * @return whether some subscription's prefix is a prefix of the type
	 */
	boolean matches(byte[] topic, int length) {
		List<byte[]> all = this.prefixes;
		for (int i = 0, n = all.size(); i < n; i++) {
			byte[] prefix = all.get(i);
			if (prefix.length <= length && Arrays.equals(prefix, 0, prefix.length, topic, 0, prefix.length)) {
				return true;
			}
		}
		return false;
	}

	/** @return how many distinct prefixes are subscribed */
	int size() {
		return this.prefixes.size();
	}

	private int indexOf(byte[] prefix) {
		for (int i = 0; i < this.prefixes.size(); i++) {
			if (Arrays.equals(this.prefixes.get(i), prefix)) {
				return i;
			}
		}
		return -1;
	}
}
