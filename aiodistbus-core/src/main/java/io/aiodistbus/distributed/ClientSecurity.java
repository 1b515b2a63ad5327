package io.aiodistbus.distributed;

import java.util.Objects;

/**
 * CurveZMQ for a client: its own key pair, whose public key the broker must allow, and the broker's
 * public key, which lets the client be sure it talks to that broker and no other.
 *
 * @param clientKeys the client's key pair
 * @param brokerPublicKey the broker's public key, Z85
 */
public record ClientSecurity(CurveKeyPair clientKeys, String brokerPublicKey) {

	/** Checks both. */
	public ClientSecurity {
		Objects.requireNonNull(clientKeys, "clientKeys must not be null");
		CurveKeys.requireKey(brokerPublicKey, "broker public key");
	}

	/**
	 * @param clientKeys the client's key pair
	 * @param brokerPublicKey the broker's public key, Z85
	 * @return the security settings
	 */
	public static ClientSecurity curve(CurveKeyPair clientKeys, String brokerPublicKey) {
		return new ClientSecurity(clientKeys, brokerPublicKey);
	}
}
