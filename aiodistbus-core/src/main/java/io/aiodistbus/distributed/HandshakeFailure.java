package io.aiodistbus.distributed;

/**
 * Why a connection to a CURVE broker failed its handshake before authentication; counted in
 * {@link BrokerStats#failedHandshakes()}. A client whose key is not allowed is counted in
 * {@link BrokerStats#refusedConnections()} instead.
 */
public enum HandshakeFailure {

	/**
	 * The peer did not open with a CURVE greeting within the handshake interval: a plaintext (NULL)
	 * client, one with another mechanism, or something that does not speak ZeroMQ.
	 */
	NOT_CURVE,

	/**
	 * The CURVE handshake failed: most often a client that holds the wrong broker public key, whose
	 * hello the broker cannot decrypt; otherwise a malformed handshake.
	 */
	CURVE_ERROR
}
