package io.aiodistbus.distributed;

import java.io.IOException;
import java.time.Duration;

/**
 * The main class of a broker JVM in {@link MultiProcessTests}: starts a broker on free ports, prints
 * {@code PORT <n>}, and serves until its standard input closes (or it is killed).
 */
public final class RemoteBroker {

	private RemoteBroker() {
	}

	/**
	 * @param args none
	 * @throws IOException if standard input fails
	 */
	public static void main(String[] args) throws IOException {
		try (DEventBus broker = new DEventBus(BrokerOptions.defaults().withPulse(Duration.ofMillis(200)))) {
			System.out.println("PORT " + broker.port());
			System.out.flush();
			while (System.in.read() >= 0) {
				// serves until the parent closes the pipe
			}
		}
	}
}
