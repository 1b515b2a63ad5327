package io.aiodistbus.spring;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How an {@link Evented} bean announces its changes.
 *
 * @param type the event type, empty for {@code <SimpleClassName>.changed}
 * @param debounce how long the bean must stay unchanged before one event is emitted for all changes
 * since the last one
 * @param scheduler runs the debounced emits, or {@code null} for a shared daemon thread
 */
public record EventedOptions(String type, Duration debounce, ScheduledExecutorService scheduler) {

	/** The debounce unless another is given. */
	public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(100);

	/** Checks every value. */
	public EventedOptions {
		Objects.requireNonNull(type, "type must not be null");
		if (debounce == null || debounce.isNegative()) {
			throw new IllegalArgumentException("debounce must be zero or positive, was " + debounce);
		}
	}

	/** @return the default options: type {@code <SimpleClassName>.changed}, 100 ms, shared thread */
	public static EventedOptions defaults() {
		return new EventedOptions("", DEFAULT_DEBOUNCE, null);
	}

	/**
	 * @param newType the event type
	 * @return a copy with that type
	 */
	public EventedOptions withType(String newType) {
		return new EventedOptions(newType, this.debounce, this.scheduler);
	}

	/**
	 * @param newDebounce the debounce time
	 * @return a copy with that debounce time
	 */
	public EventedOptions withDebounce(Duration newDebounce) {
		return new EventedOptions(this.type, newDebounce, this.scheduler);
	}

	/**
	 * @param newScheduler runs the debounced emits; its owner shuts it down
	 * @return a copy with that scheduler
	 */
	public EventedOptions withScheduler(ScheduledExecutorService newScheduler) {
		return new EventedOptions(this.type, this.debounce, newScheduler);
	}
}
