package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.aiodistbus.HandlerOptions;
import io.aiodistbus.RequestTimeoutException;
import io.aiodistbus.contract.Catcher;
import io.aiodistbus.contract.CompletableFutureAssert;
import io.aiodistbus.event.ReservedTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Member subscriptions, routed events, replies and no-responder answers are for Java clients: a raw
 * Python subscriber on the broker's Python publish port, subscribed to everything, sees none of them,
 * only the events themselves in Python's three frames.
 */
class GroupTrafficVisibilityTests {

	@Test
	void aPythonSubscriberToEverythingSeesNoMemberRoutedOrReplyTraffic() throws Exception {
		try (DEventBus broker = new DEventBus(BrokerOptions.defaults().withPulse(Duration.ofMillis(50)));
				ZContext context = new ZContext(1);
				DEntryPoint member = new DEntryPoint();
				DEntryPoint responder = new DEntryPoint();
				DEntryPoint sender = new DEntryPoint()) {
			List<List<byte[]>> seen = new CopyOnWriteArrayList<>();
			ZMQ.Socket python = context.createSocket(SocketType.SUB);
			python.setHandshakeIvl(500);
			python.setReceiveTimeOut(50);
			python.subscribe(new byte[0]);
			python.connect("tcp://127.0.0.1:" + (broker.port() + 1));
			AtomicBoolean stop = new AtomicBoolean();
			Thread reader = new Thread(() -> read(python, seen, stop), "python-sub");
			reader.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> topics(seen).contains(ReservedTopics.PULSE));

			Catcher<String> work = new Catcher<>();
			member.onAsync("order.created", (event) -> {
				work.accept((String) event.data());
				return null;
			}, "billing", HandlerOptions.defaults().withGroup("billing"));
			member.connect("127.0.0.1", broker.port());
			responder.on("math.double", (event) -> responder.reply(event, ((Number) event.data()).intValue() * 2));
			responder.connect("127.0.0.1", broker.port());
			sender.connect("127.0.0.1", broker.port());
			for (int i = 0; i < 5; i++) {
				sender.emit("order.created", "order-" + i);
			}
			work.awaitCount(5);
			assertThat(sender.request("math.double", 2, Integer.class, Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS))
				.isEqualTo(4);
			// the Python subscriber to everything is a possible responder as far as the broker can tell
			CompletableFutureAssert.assertFailsWith(sender.request("nobody.home", 1, Integer.class,
					Duration.ofMillis(500)), RequestTimeoutException.class);
			sender.emit("visible.marker", "last");
			await().atMost(Duration.ofSeconds(20)).until(() -> topics(seen).contains("visible.marker"));
			member.close();
			stop.set(true);
			reader.join(10_000);
			context.destroySocket(python);

			assertThat(seen).allSatisfy((frames) -> assertThat(frames).hasSize(3));
			assertThat(topics(seen)).allSatisfy((topic) -> assertThat(!ReservedTopics.isReserved(topic)
					|| topic.equals(ReservedTopics.PULSE) || topic.equals(ReservedTopics.CLOSE)).as(topic).isTrue());
			assertThat(topics(seen).stream().filter((topic) -> !topic.startsWith(ReservedTopics.PREFIX)))
				.containsExactly("order.created", "order.created", "order.created", "order.created", "order.created",
						"math.double", "nobody.home", "visible.marker");
		}
	}

	private static void read(ZMQ.Socket socket, List<List<byte[]>> seen, AtomicBoolean stop) {
		while (!stop.get()) {
			byte[] first = socket.recv(0);
			if (first == null) {
				continue;
			}
			List<byte[]> frames = new ArrayList<>(List.of(first));
			while (socket.hasReceiveMore()) {
				frames.add(socket.recv(0));
			}
			seen.add(frames);
		}
	}

	private static List<String> topics(List<List<byte[]>> seen) {
		return seen.stream().map((frames) -> new String(frames.get(0), StandardCharsets.UTF_8)).toList();
	}
}
