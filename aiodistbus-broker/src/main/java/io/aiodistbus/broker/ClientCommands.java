package io.aiodistbus.broker;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.aiodistbus.distributed.ConnectTimeoutException;
import io.aiodistbus.distributed.DEntryPoint;
import io.aiodistbus.event.Event;

/**
 * {@code pub}, {@code sub} and {@code bench}: a client of a running broker from the command line, as
 * the {@code nats} CLI is for NATS.
 * <pre>
 * java -jar aiodistbus-broker.jar pub chat.message '{"from": "ann", "text": "hi"}' [--header k=v]
 * java -jar aiodistbus-broker.jar sub 'chat.*' [--count N]           # one JSON line per event
 * java -jar aiodistbus-broker.jar bench [--events 100000] [--size 100]
 * </pre>
 * Each takes {@code --host} (127.0.0.1), {@code --port} (5555) and, for a CURVE broker,
 * {@code --secret-key-file} (this client's key pair) with {@code --broker-key} (the broker's public key).
 */
final class ClientCommands {

	static final Set<String> NAMES = Set.of("pub", "sub", "bench");

	private ClientCommands() {
	}

	/**
	 * @param args the command's name, then its words
	 * @param out where results go
	 * @param err where progress and errors go
	 * @return the exit status: 0, 1 if the broker could not be reached or the run failed, 2 for a bad
	 * command line
	 */
	static int run(String[] args, PrintStream out, PrintStream err) {
		ClientArgs parsed;
		try {
			parsed = ClientArgs.parse(List.of(args).subList(1, args.length));
			parsed.clientOptions();  // reads the key file now, so that a bad one is a usage error
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.println(usage());
			return 2;
		}
		try {
			return switch (args[0]) {
				case "pub" -> pub(parsed, out, err);
				case "sub" -> sub(parsed, out, err);
				default -> bench(parsed, out, err);
			};
		}
		catch (ConnectTimeoutException ex) {
			err.println("No broker at " + parsed.broker() + ": " + ex.getMessage());
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	private static int pub(ClientArgs args, PrintStream out, PrintStream err) {
		if (args.arguments.size() != 2) {
			err.println("pub takes TYPE and JSON, e.g. pub chat.message '{\"text\": \"hi\"}'");
			return 2;
		}
		Object payload;
		try {
			payload = EventJson.parse(args.arguments.get(1));
		}
		catch (IllegalArgumentException ex) {
			err.println("pub: the payload is no JSON: " + ex.getMessage());
			return 2;
		}
		try (DEntryPoint client = args.connect()) {
			Event event = client.emit(args.arguments.get(0), payload, null, args.headers);
			out.println("published " + event.type() + " " + event.id() + " to " + args.broker());
		}
		// close() let the event drain to the broker
		return 0;
	}

	private static int sub(ClientArgs args, PrintStream out, PrintStream err) throws InterruptedException {
		if (args.arguments.size() != 1) {
			err.println("sub takes one PATTERN, e.g. sub 'chat.*'");
			return 2;
		}
		String pattern = args.arguments.get(0);
		CountDownLatch done = new CountDownLatch((args.count > 0) ? (int) Math.min(args.count, Integer.MAX_VALUE) : 1);
		try (DEntryPoint client = args.connect()) {
			client.on(pattern, (event) -> {
				if (args.count == 0 || done.getCount() > 0) {
					out.println(EventJson.toJson(event));
					out.flush();
					if (args.count > 0) {
						done.countDown();
					}
				}
			});
			client.addStateListener((state) -> err.println("# " + state));
			// on stderr, so that stdout stays JSON lines; once here, events published from now on arrive
			err.println("# listening for " + pattern + " on " + args.broker());
			done.await();  // without --count, until the process is stopped
		}
		return 0;
	}

	private static int bench(ClientArgs args, PrintStream out, PrintStream err) throws InterruptedException {
		int events = (int) Math.min((args.count > 0) ? args.count : 100_000, Integer.MAX_VALUE);
		String type = "aiodistbus.bench." + UUID.randomUUID().toString().substring(0, 8);
		String payload = "x".repeat(Math.max(0, args.size - 2));  // a JSON string of about size bytes
		AtomicLong received = new AtomicLong();
		AtomicLong lastArrival = new AtomicLong();
		CountDownLatch all = new CountDownLatch(events);
		try (DEntryPoint subscriber = args.connect(); DEntryPoint publisher = args.connect()) {
			subscriber.on(type, (event) -> {
				received.incrementAndGet();
				lastArrival.set(System.nanoTime());
				all.countDown();
			});
			err.println("# bench: " + events + " events of " + args.size + " bytes through " + args.broker()
					+ ((args.secretKeyFile != null) ? " (CURVE)" : ""));
			long start = System.nanoTime();
			for (int i = 0; i < events; i++) {
				publisher.emit(type, payload);
			}
			long sent = System.nanoTime();
			// wait while events still arrive; stop once nothing came for two seconds (the rest is lost)
			long seen = -1;
			while (!all.await(2, TimeUnit.SECONDS) && received.get() != seen) {
				seen = received.get();
			}
			long count = received.get();
			double seconds = ((count > 0) ? lastArrival.get() - start : sent - start) / 1e9;
			out.printf("%d events in %.2f s: %.0f events/s sent, %.0f events/s received, %d lost%n", events, seconds,
					events / ((sent - start) / 1e9), count / seconds, events - count);
			return (count > 0) ? 0 : 1;
		}
	}

	static String usage() {
		return "       broker pub TYPE JSON [--header NAME=VALUE]... [CLIENT OPTIONS]\n"
				+ "       broker sub PATTERN [--count N] [CLIENT OPTIONS]\n"
				+ "       broker bench [--events 100000] [--size 100] [CLIENT OPTIONS]\n"
				+ "       CLIENT OPTIONS: [--host 127.0.0.1] [--port 5555] [--connect-timeout 10]\n"
				+ "                       [--secret-key-file FILE --broker-key KEY]";
	}

}
