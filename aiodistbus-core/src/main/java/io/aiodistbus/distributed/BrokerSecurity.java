package io.aiodistbus.distributed;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * CurveZMQ for a broker: its key pair, and the public keys of the clients it lets in. With it, all three
 * broker sockets encrypt every message, and a client whose key is not allowed is refused during the
 * ZeroMQ handshake, before it can send or receive anything.
 *
 * @param serverKeys the broker's key pair; clients are given its public key
 * @param allowedClientKeys the Z85 public keys of the clients allowed in; not empty
 */
public record BrokerSecurity(CurveKeyPair serverKeys, Set<String> allowedClientKeys) {

	/** Checks the keys and keeps an unmodifiable copy of the allow-list. */
	public BrokerSecurity {
		Objects.requireNonNull(serverKeys, "serverKeys must not be null");
		Objects.requireNonNull(allowedClientKeys, "allowedClientKeys must not be null");
		Set<String> allowed = new LinkedHashSet<>();
		for (String key : allowedClientKeys) {
			allowed.add(CurveKeys.requireKey(key, "allowed client key"));
		}
		if (allowed.isEmpty()) {
			throw new IllegalArgumentException("allowedClientKeys must hold at least one client public key: "
					+ "a CURVE broker refuses every client whose key it does not list");
		}
		allowedClientKeys = Collections.unmodifiableSet(allowed);
	}

	/**
	 * @param serverKeys the broker's key pair
	 * @param allowedClientKeys the public keys of the allowed clients, Z85
	 * @return the security settings
	 */
	public static BrokerSecurity curve(CurveKeyPair serverKeys, Collection<String> allowedClientKeys) {
		return new BrokerSecurity(serverKeys, new LinkedHashSet<>(allowedClientKeys));
	}

	/**
	 * @param serverKeys the broker's key pair
	 * @param allowedClientKeys the public keys of the allowed clients, Z85
	 * @return the security settings
	 */
	public static BrokerSecurity curve(CurveKeyPair serverKeys, String... allowedClientKeys) {
		return curve(serverKeys, Arrays.asList(allowedClientKeys));
	}
}
