package io.aiodistbus.distributed;

import java.io.IOException;
import java.time.Duration;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.HandlerOptions;

/**
 * What the other JVMs of {@link GroupsAcrossJvmsTestBase} run: a member of the consumer group
 * {@value #GROUP} that reports each work item it handled as {@value #DONE} ({@code <name>:<n>}), or a
 * responder that answers {@value #DOUBLE} requests and hears {@value #SILENT} ones without answering.
 * Prints {@code READY} once its handlers are live and runs until standard input closes or it is killed.
 * Its {@link #main} is the ZeroMQ client's; other transports call {@link #run} from theirs.
 */
public final class RemoteServices {

	static final String WORK = "work.item";

	static final String DONE = "work.done";

	/** The consumer group of the members. */
	public static final String GROUP = "workers";

	static final String DOUBLE = "math.double";

	static final String SILENT = "math.silent";

	private RemoteServices() {
	}

	/**
	 * @param args host, port, then {@code member NAME} or {@code responder}
	 * @throws IOException if standard input fails
	 */
	public static void main(String[] args) throws IOException {
		try (DEntryPoint client = new DEntryPoint(ClientOptions.defaults()
			.withConnectTimeout(Duration.ofSeconds(30))
			.withCloseFlushTimeout(Duration.ofSeconds(10)))) {
			run(client, () -> client.connect(args[0], Integer.parseInt(args[1])), args[2],
					(args.length > 3) ? args[3] : null);
		}
	}

	/**
	 * Registers the role's handlers, connects, prints {@code READY} and waits for standard input to close.
	 * @param client the entry point, not connected
	 * @param connect connects it and returns once its handlers are live
	 * @param role {@code member} or {@code responder}
	 * @param name a member's name
	 * @throws IOException if standard input fails
	 */
	public static void run(EntryPoint client, Runnable connect, String role, String name) throws IOException {
		if (role.equals("member")) {
			client.onAsync(WORK, (event) -> {
				client.emit(DONE, name + ":" + event.data());
				return null;
			}, "work", HandlerOptions.defaults().withGroup(GROUP));
		}
		else {
			client.on(DOUBLE, (event) -> client.reply(event, ((Number) event.data()).intValue() * 2));
			client.on(SILENT, (event) -> { });
		}
		connect.run();
		System.out.println("READY");
		System.out.flush();
		while (System.in.read() >= 0) {
			// runs until the parent closes the pipe or kills it
		}
	}
}
