package io.aiodistbus;

/**
 * Thrown when an entry point is used in a state that does not allow it: emitting before it is
 * connected, or after it was closed.
 */
public class EntryPointStateException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * @param message what was attempted and why it cannot be done
	 */
	public EntryPointStateException(String message) {
		super(message);
	}
}
