package io.aiodistbus.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.Subscription;
import io.aiodistbus.TypePatterns;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.Event;

/**
 * Records the events an entry point receives, for assertions in tests. It does not wait itself: poll
 * it with Awaitility, which keeps waiting out of the code under test.
 * <pre class="code">
 * EventRecorder recorder = EventRecorder.on(entryPoint, "chat.*");
 * service.send("hi");
 * await().untilAsserted(() -&gt; assertThat(recorder.payloads("chat.message", ChatMessage.class))
 *     .containsExactly(new ChatMessage("ann", "hi")));
 * </pre>
 * In a Spring Boot test, declare it as a bean on the application's entry point; Spring closes it
 * with the context:
 * <pre class="code">
 * &#64;Bean
 * EventRecorder eventRecorder(EntryPoint entryPoint) {
 *     return EventRecorder.on(entryPoint, "*");
 * }
 * </pre>
 * Handlers may be registered before an entry point connects, so the recorder may be created first.
 * It is safe to read from any thread while events arrive.
 */
public final class EventRecorder implements AutoCloseable {

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private final List<Subscription> subscriptions = new ArrayList<>();

	private final PayloadCodec codec;

	private EventRecorder(PayloadCodec codec) {
		this.codec = codec;
	}

	/**
	 * Records what an entry point receives for the given types or patterns.
	 * @param entryPoint the entry point to listen on
	 * @param types event types or wildcard patterns; none means {@code *}, every non-reserved type
	 * @return the recorder
	 */
	public static EventRecorder on(EntryPoint entryPoint, String... types) {
		return on(entryPoint, PayloadCodec.shared(), types);
	}

	/**
	 * Records what an entry point receives, converting payloads with a given codec.
	 * @param entryPoint the entry point to listen on
	 * @param codec converts payloads for {@link #payloads(String, Class)}
	 * @param types event types or wildcard patterns; none means {@code *}
	 * @return the recorder
	 */
	public static EventRecorder on(EntryPoint entryPoint, PayloadCodec codec, String... types) {
		Objects.requireNonNull(entryPoint, "entryPoint must not be null");
		EventRecorder recorder = new EventRecorder(codec);
		for (String type : (types.length > 0) ? types : new String[] { "*" }) {
			recorder.subscriptions.add(entryPoint.on(type, recorder.events::add));
		}
		return recorder;
	}

	/** @return every event recorded so far, in arrival order */
	public List<Event> events() {
		return List.copyOf(this.events);
	}

	/**
	 * @param type an event type or wildcard pattern
	 * @return the recorded events whose type matches, in arrival order
	 */
	public List<Event> events(String type) {
		Predicate<String> pattern = TypePatterns.matcher(type);
		return this.events.stream().filter((event) -> pattern.test(event.type())).toList();
	}

	/**
	 * @param <T> the payload type
	 * @param type an event type or wildcard pattern
	 * @param payloadType the class to convert payloads to, as a handler taking it would receive them
	 * @return the payloads of the matching events, in arrival order
	 */
	public <T> List<T> payloads(String type, Class<T> payloadType) {
		return events(type).stream().map((event) -> this.codec.convert(event, payloadType)).toList();
	}

	/**
	 * @param type an event type or wildcard pattern
	 * @return how many matching events were recorded
	 */
	public int count(String type) {
		return events(type).size();
	}

	/** Forgets the events recorded so far, between the steps of a test. */
	public void clear() {
		this.events.clear();
	}

	/** Stops recording; the events recorded so far stay readable. */
	@Override
	public void close() {
		this.subscriptions.forEach(Subscription::cancel);
	}
}
