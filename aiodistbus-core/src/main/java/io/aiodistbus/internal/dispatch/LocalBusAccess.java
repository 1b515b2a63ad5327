package io.aiodistbus.internal.dispatch;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.aiodistbus.event.Event;

/**
 * How the bridges and the broker reach what a local bus does not offer its users: delivering an event
 * that came from elsewhere, and closing resources with the bus. The bus registers its accessor here
 * when its class is initialized (the JDK's {@code SharedSecrets} idiom), so these operations need no
 * public method on it. The bus is passed as an {@code Object} because naming its class here would make
 * this package and {@code io.aiodistbus.local} depend on each other.
 */
public final class LocalBusAccess {

	private static volatile Function<Object, LocalBus> access;

	private LocalBusAccess() {
	}

	/**
	 * Called once, by the local bus's class initializer.
	 * @param accessor returns the internals of a bus
	 */
	public static void register(Function<Object, LocalBus> accessor) {
		access = Objects.requireNonNull(accessor, "accessor must not be null");
	}

	/**
	 * @param bus an {@code io.aiodistbus.local.EventBus}; holding one means its class is initialized,
	 * so the accessor is registered
	 * @return its internals
	 */
	public static LocalBus of(Object bus) {
		return access.apply(Objects.requireNonNull(bus, "bus must not be null"));
	}

	/** What the rest of the library may do with a local bus. */
	public interface LocalBus {

		/**
		 * Delivers an event that came from elsewhere as if a connected entry point had emitted it, and
		 * returns once the handlers ran (at once when called by a handler, which queues it). Does
		 * nothing once the bus is closed.
		 * @param event the event
		 */
		void publish(Event event);

		/**
		 * Closes a resource when the bus closes.
		 * @param resource the resource, such as a bridge
		 * @throws io.aiodistbus.EntryPointStateException if the bus is closed already
		 */
		void closeWith(AutoCloseable resource);

		/**
		 * Forgets a resource given to {@link #closeWith}, which its owner closes itself.
		 * @param resource the resource
		 * @return whether it was there
		 */
		boolean release(AutoCloseable resource);

		/** @return the resources to be closed with the bus, in no particular order */
		List<AutoCloseable> closedWith();
	}
}
