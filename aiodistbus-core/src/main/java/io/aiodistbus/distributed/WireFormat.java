package io.aiodistbus.distributed;

/**
 * How a client's events travel between it and the broker.
 *
 * <ul>
 * <li>{@link #PYTHON}: Python aiodistbus's format, three frames (type, event JSON with the payload as
 * an array of integers, CRC-32), which every broker and every peer speaks.</li>
 * <li>{@link #NATIVE}: one binary frame with the payload's own bytes, about half the size, with the
 * same fields, checksum and loss accounting; spoken between Java peers on our broker. A client that
 * prefers it offers it when it connects; a broker that does not answer the offer (Python's) gets
 * the Python format, with no error and no delay. Our broker translates between the two while a peer
 * of the other kind is subscribed to the type.</li>
 * </ul>
 */
public enum WireFormat {

	/** Python aiodistbus's three-frame JSON format. */
	PYTHON,

	/** The native one-frame format, where the broker speaks it; otherwise {@link #PYTHON}. */
	NATIVE
}
