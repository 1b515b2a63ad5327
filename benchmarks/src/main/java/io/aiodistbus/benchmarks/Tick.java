package io.aiodistbus.benchmarks;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.aiodistbus.event.BusEvent;

/**
 * The typed payload every benchmark sends: small, like a typical domain event, and carrying what a
 * receiver needs to check delivery (round, publisher, sequence number) and to time a round trip.
 *
 * @param round the measured run it belongs to, so that stragglers of an earlier run are told apart
 * @param publisher the publisher's number
 * @param seq the publisher's sequence number, from 0; negative for readiness probes
 * @param sentNanos {@link System#nanoTime()} at the sender, for round trips within one JVM
 * @param text a short text, so that the JSON has a string to escape like real payloads do
 */
@BusEvent(value = Tick.TYPE, dtype = "benchmarks.Tick")
public record Tick(int round, int publisher, long seq, long sentNanos, String text) {

	/** The event type ticks travel under. */
	public static final String TYPE = "bench.tick";

	/** A tick with the usual text. */
	public static Tick of(int round, int publisher, long seq) {
		return new Tick(round, publisher, seq, System.nanoTime(), "order 42 shipped");
	}

	/** @return whether this is a readiness probe rather than a counted event; not a JSON property */
	@JsonIgnore
	public boolean isProbe() {
		return this.seq < 0;
	}
}
