package io.aiodistbus.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.aiodistbus.TypePatterns;
import io.aiodistbus.codec.PayloadCodecException;
import io.aiodistbus.event.Event;

/**
 * An event a test expects an {@link EventRecorder} to receive: a type or pattern, narrowed by
 * payload and headers, waited for with Awaitility. Made by {@link EventRecorder#expect(String)}.
 * <pre class="code">
 * recorder.expect("chat.*").withPayloadMatching(ChatMessage.class, (message) -&gt; message.text().contains("hi")).await();
 * </pre>
 * A failed wait throws an {@link AssertionError} that lists what was expected and what arrived.
 */
public final class EventExpectation {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private final EventRecorder recorder;

	private final String type;

	private final List<Predicate<Event>> conditions = new ArrayList<>();

	private final List<String> descriptions = new ArrayList<>();

	EventExpectation(EventRecorder recorder, String type) {
		this.recorder = recorder;
		this.type = Objects.requireNonNull(type, "type must not be null");
		TypePatterns.matcher(type);  // a malformed pattern fails here, not on every poll
	}

	/**
	 * Expects the payload, converted to a class as a handler taking it would receive it, to equal a
	 * value.
	 * @param <T> the payload type
	 * @param payloadType the class to convert the payload to
	 * @param expected the payload expected
	 * @return this expectation
	 */
	public <T> EventExpectation withPayload(Class<T> payloadType, T expected) {
		return withPayload(payloadType, (payload) -> Objects.equals(payload, expected), "payload " + expected);
	}

	/**
	 * Expects the payload, converted to a class, to satisfy a condition.
	 * @param <T> the payload type
	 * @param payloadType the class to convert the payload to
	 * @param condition what the payload must satisfy
	 * @return this expectation
	 */
	public <T> EventExpectation withPayloadMatching(Class<T> payloadType, Predicate<? super T> condition) {
		return withPayload(payloadType, condition, "a " + payloadType.getSimpleName() + " payload matching a condition");
	}

	private <T> EventExpectation withPayload(Class<T> payloadType, Predicate<? super T> condition, String description) {
		this.descriptions.add(description);
		this.conditions.add((event) -> {
			try {
				return condition.test(this.recorder.codec().convert(event, payloadType));
			}
			catch (PayloadCodecException ex) {
				return false;  // a payload of another shape is simply not the one expected
			}
		});
		return this;
	}

	/**
	 * Expects a header.
	 * @param name the header's name
	 * @param value its value
	 * @return this expectation
	 */
	public EventExpectation withHeader(String name, String value) {
		this.descriptions.add("header " + name + "=" + value);
		this.conditions.add((event) -> Objects.equals(event.headers().get(name), value));
		return this;
	}

	/**
	 * Waits up to 10 seconds for the event.
	 * @return the first recorded event that matches
	 * @throws AssertionError if none arrives in time
	 */
	public Event await() {
		return await(1, DEFAULT_TIMEOUT).get(0);
	}

	/**
	 * Waits for a number of matching events.
	 * @param count how many matching events to wait for, at least
	 * @param timeout how long to wait
	 * @return the first {@code count} matching events, in arrival order
	 * @throws AssertionError if fewer arrive in time
	 */
	public List<Event> await(int count, Duration timeout) {
		try {
			Awaitility.await()
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(10))
				.until(() -> matching().size() >= count);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Expected " + count + " event(s) of type '" + this.type + "'"
					+ (this.descriptions.isEmpty() ? "" : " with " + String.join(" and ", this.descriptions))
					+ " within " + timeout + ", found " + matching().size() + "; recorded: " + this.recorder.events());
		}
		return matching().subList(0, count);
	}

	private List<Event> matching() {
		return this.recorder.events(this.type)
			.stream()
			.filter((event) -> this.conditions.stream().allMatch((condition) -> condition.test(event)))
			.toList();
	}

}
