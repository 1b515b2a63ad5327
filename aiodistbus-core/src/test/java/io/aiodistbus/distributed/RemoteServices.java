package io.aiodistbus.distributed;

import java.time.Duration;

import io.aiodistbus.HandlerOptions;

/**
 * The main class of other JVMs in {@link GroupsAcrossJvmsTests}: a member of the consumer group
 * {@value #GROUP} that reports each work item it handled as {@value #DONE} ({@code <name>:<n>}), or a
 * responder that answers {@value #DOUBLE} requests and hears {@value #SILENT} ones without answering.
 * Prints {@code READY} once its handlers are live and runs until standard input closes or it is killed.
 */
public final class RemoteServices {

	static final String WORK = "work.item";

	static final String DONE = "work.done";

	static final String GROUP = "workers";

	static final String DOUBLE = "math.double";

	static final String SILENT = "math.silent";

	private RemoteServices() {
	}

	/**
	 * @param args host, port, then {@code member NAME} or {@code responder}
	 * @throws java.io.IOException if standard input fails
	 */
	public static void main(String[] args) throws java.io.IOException {
		try (DEntryPoint client = new DEntryPoint(ClientOptions.defaults()
			.withConnectTimeout(Duration.ofSeconds(30))
			.withCloseFlushTimeout(Duration.ofSeconds(10)))) {
			if (args[2].equals("member")) {
				String name = args[3];
				client.onAsync(WORK, (event) -> {
					client.emit(DONE, name + ":" + event.data());
					return null;
				}, "work", HandlerOptions.defaults().withGroup(GROUP));
			}
			else {
				client.on(DOUBLE, (event) -> client.reply(event, ((Number) event.data()).intValue() * 2));
				client.on(SILENT, (event) -> { });
			}
			client.connect(args[0], Integer.parseInt(args[1]));
			System.out.println("READY");
			System.out.flush();
			while (System.in.read() >= 0) {
				// runs until the parent closes the pipe or kills it
			}
		}
	}
}
