package io.aiodistbus.benchmarks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The suite's command line: {@code --smoke} for a seconds-long run that only proves everything works,
 * {@code --only=local,codec,throughput,latency,memory,stress} to run some parts, {@code --verbose}
 * for JMH's own output, and sizes for the stress run.
 *
 * @param smoke whether to run tiny sizes
 * @param verbose whether JMH prints its progress
 * @param parts which parts to run
 * @param stressClients stress: client threads
 * @param stressEvents stress: events each client publishes per rate step
 * @param out a file to write the table to, with the machine and command, or {@code null}
 */
public record SuiteOptions(boolean smoke, boolean verbose, Set<String> parts, int stressClients, long stressEvents,
		String out) {

	/** Every part, in the order the suite runs them. */
	public static final List<String> PARTS = List.of("local", "codec", "throughput", "latency", "concurrency", "memory",
			"stress");

	/**
	 * @param args the command line
	 * @return the options
	 * @throws IllegalArgumentException for an unknown argument
	 */
	public static SuiteOptions parse(String... args) {
		boolean smoke = false;
		boolean verbose = false;
		Set<String> parts = new LinkedHashSet<>(PARTS);
		int clients = -1;
		long events = -1;
		String out = null;
		for (String arg : args) {
			if (arg.equals("--smoke")) {
				smoke = true;
			}
			else if (arg.equals("--verbose")) {
				verbose = true;
			}
			else if (arg.startsWith("--only=")) {
				parts = new LinkedHashSet<>(List.of(arg.substring("--only=".length()).split(",")));
				if (!PARTS.containsAll(parts)) {
					throw new IllegalArgumentException("--only takes some of " + PARTS + ", got " + parts);
				}
			}
			else if (arg.startsWith("--stress-clients=")) {
				clients = Integer.parseInt(arg.substring("--stress-clients=".length()));
			}
			else if (arg.startsWith("--stress-events=")) {
				events = Long.parseLong(arg.substring("--stress-events=".length()));
			}
			else if (arg.startsWith("--out=")) {
				out = arg.substring("--out=".length());
			}
			else {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'; use --smoke, --verbose, --only="
						+ String.join(",", PARTS) + ", --stress-clients=N, --stress-events=M, --out=FILE");
			}
		}
		if (events < 0) {
			events = smoke ? 200 : 100_000;
		}
		if (clients < 0) {
			clients = smoke ? 4 : 20;
		}
		return new SuiteOptions(smoke, verbose, parts, clients, events, out);
	}

	/** @return whether a part is to run */
	public boolean runs(String part) {
		return this.parts.contains(part);
	}
}
