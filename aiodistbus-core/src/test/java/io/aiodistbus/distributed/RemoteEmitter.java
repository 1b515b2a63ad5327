package io.aiodistbus.distributed;

import java.time.Duration;

import io.aiodistbus.event.BusEvent;

/**
 * The main class of a second JVM in {@link MultiProcessTests}: connects a client to a broker, emits
 * numbered readings, closes the client (which flushes what was emitted) and returns, so the JVM exits
 * 0 only if the client left no thread that keeps it alive.
 */
public final class RemoteEmitter {

	/** The type the readings are emitted under. */
	static final String TYPE = "remote.reading";

	/**
	 * A reading, numbered per emitter.
	 * @param source the emitter's name
	 * @param seq the number, from 0
	 */
	@BusEvent(value = TYPE, dtype = "tests.Reading")
	public record Reading(String source, int seq) {
	}

	private RemoteEmitter() {
	}

	/**
	 * @param args host, port, count, source name, and optionally {@code hold}: after emitting, print
	 * {@code HOLDING} and keep the client open until standard input closes
	 * @throws java.io.IOException if standard input fails
	 */
	public static void main(String[] args) throws java.io.IOException {
		String host = args[0];
		int port = Integer.parseInt(args[1]);
		int count = Integer.parseInt(args[2]);
		String source = args[3];
		try (DEntryPoint client = new DEntryPoint(ClientOptions.defaults()
			.withConnectTimeout(Duration.ofSeconds(30))
			.withCloseFlushTimeout(Duration.ofSeconds(10)))) {
			client.connect(host, port);
			for (int i = 0; i < count; i++) {
				client.emit(new Reading(source, i));
			}
			if (args.length > 4 && args[4].equals("hold")) {
				System.out.println("HOLDING");
				System.out.flush();
				while (System.in.read() >= 0) {
					// held until the parent closes the pipe
				}
			}
		}
		System.out.println("RemoteEmitter " + source + " emitted " + count);
	}
}
