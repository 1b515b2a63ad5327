package io.aiodistbus.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 *
 * <h2>Waiting for an event</h2>
 * {@link #expect(String)} waits, with Awaitility, for an event of a type, payload and headers:
 * <pre class="code">
 * Event event = recorder.expect("chat.message")
 *     .withPayload(ChatMessage.class, new ChatMessage("ann", "hi"))
 *     .withHeader("traceparent", traceparent)
 *     .await();
 * </pre>
 *
 * <h2>Asserting that nothing arrived</h2>
 * Waiting a while and finding nothing proves little. {@link #barrier(EntryPoint)} instead emits a
 * marker event from the entry point that emitted the events in question and waits until the marker
 * arrives here: since the bus keeps each publisher's order, whatever that publisher emitted before has
 * arrived by then too.
 * <pre class="code">
 * service.rejectOrder(order);                 // emits on the application's entry point, or does not
 * recorder.barrier(applicationEntryPoint);
 * assertThat(recorder.events("order.accepted")).isEmpty();
 * </pre>
 */
public final class EventRecorder implements AutoCloseable {

	/**
	 * The type of {@link #barrier(EntryPoint)}'s markers, which the recorder does not record.
	 */
	public static final String BARRIER_TYPE = "aiodistbus.test.barrier";

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private final List<Subscription> subscriptions = new ArrayList<>();

	private final EntryPoint entryPoint;

	private final PayloadCodec codec;

	private EventRecorder(EntryPoint entryPoint, PayloadCodec codec) {
		this.entryPoint = entryPoint;
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
		EventRecorder recorder = new EventRecorder(entryPoint, codec);
		for (String type : (types.length > 0) ? types : new String[] { "*" }) {
			recorder.subscriptions.add(entryPoint.on(type, recorder::record));
		}
		return recorder;
	}

	private void record(Event event) {
		if (!event.type().equals(BARRIER_TYPE)) {
			this.events.add(event);
		}
	}

	/**
	 * Starts an expectation of an event, to wait for with {@link EventExpectation#await()}.
	 * @param type an event type or wildcard pattern
	 * @return the expectation, to narrow by payload and headers
	 */
	public EventExpectation expect(String type) {
		return new EventExpectation(this, type);
	}

	/**
	 * Waits until every event that a publisher emitted before this call has arrived here (up to 10
	 * seconds): emits a marker ({@value #BARRIER_TYPE}) from the publisher and waits for it. Events reach
	 * a handler in their publisher's emit order, so when the marker is here, so is all that came before
	 * it from the same publisher on the same path; then an empty {@link #events(String)} means that
	 * none was emitted. Events of other publishers, and of {@code emitAsync} on a local bus, are not
	 * ordered with the marker: put the barrier on the entry point that emits the events in question.
	 * @param publisher the entry point whose earlier events to wait for
	 * @throws AssertionError if the marker does not arrive in time
	 */
	public void barrier(EntryPoint publisher) {
		barrier(publisher, DEFAULT_TIMEOUT);
	}

	/**
	 * {@link #barrier(EntryPoint)} with a timeout of one's own.
	 * @param publisher the entry point whose earlier events to wait for
	 * @param timeout how long to wait for the marker
	 * @throws AssertionError if the marker does not arrive in time
	 */
	public void barrier(EntryPoint publisher, Duration timeout) {
		String id = UUID.randomUUID().toString();
		CountDownLatch arrived = new CountDownLatch(1);
		// registered before the emit: on a distributed entry point, on() returns once it is live
		Subscription marker = this.entryPoint.on(BARRIER_TYPE, (event) -> {
			if (id.equals(event.id())) {
				arrived.countDown();
			}
		});
		try {
			publisher.emit(BARRIER_TYPE, null, id);
			if (!arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("The barrier's marker event " + id + " from " + publisher.id()
						+ " did not arrive within " + timeout + ": is the publisher on the recorder's bus?");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for the barrier's marker", ex);
		}
		finally {
			marker.cancel();
		}
	}

	PayloadCodec codec() {
		return this.codec;
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
