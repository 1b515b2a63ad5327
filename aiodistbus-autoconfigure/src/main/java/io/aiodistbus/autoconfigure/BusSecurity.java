package io.aiodistbus.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.aiodistbus.distributed.BrokerSecurity;
import io.aiodistbus.distributed.ClientSecurity;
import io.aiodistbus.distributed.CurveKeyPair;
import io.aiodistbus.distributed.CurveKeys;

/**
 * The CurveZMQ settings that the {@code aiodistbus.security.*} properties describe. Each method
 * returns {@code null} while security is not enabled, and otherwise fails with a message naming the
 * property that is missing or malformed; no message repeats a key's text, since it may be a secret
 * key put in the wrong property.
 */
final class BusSecurity {

	private static final String PREFIX = "aiodistbus.security.";

	private static final String ENABLED = "aiodistbus.security.enabled";

	private BusSecurity() {
	}

	/**
	 * @param security the properties
	 * @return the embedded broker's security: the application's key pair, and the allowed client keys
	 * with the application's own added, since its in-app client uses that pair
	 */
	static BrokerSecurity broker(AiodistbusProperties.Security security) {
		if (!security.isEnabled()) {
			return null;
		}
		CurveKeyPair keys = keyPair(security);
		Set<String> allowed = new LinkedHashSet<>();
		allowed.add(keys.publicKey());
		List<String> listed = security.getAllowedClientKeys();
		for (int i = 0; i < listed.size(); i++) {
			allowed.add(key(PREFIX + "allowed-client-keys[" + i + "]", listed.get(i)));
		}
		Path file = security.getAllowedClientKeysFile();
		if (file != null) {
			String property = PREFIX + "allowed-client-keys-file";
			try {
				allowed.addAll(CurveKeys.readPublicKeys(file));
			}
			catch (IOException ex) {
				throw new IllegalStateException(property + ": cannot read " + file + ": " + ex, ex);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(property + ": " + ex.getMessage(), ex);
			}
		}
		return BrokerSecurity.curve(keys, allowed);
	}

	/**
	 * @param security the properties
	 * @return the security of the application's client of a remote broker ('client' mode)
	 */
	static ClientSecurity client(AiodistbusProperties.Security security) {
		if (!security.isEnabled()) {
			return null;
		}
		CurveKeyPair keys = keyPair(security);
		String property = PREFIX + "broker-public-key";
		String brokerPublicKey = security.getBrokerPublicKey();
		if (brokerPublicKey == null || brokerPublicKey.isEmpty()) {
			throw new IllegalStateException(property + " must be set when " + ENABLED + " is true");
		}
		return ClientSecurity.curve(keys, key(property, brokerPublicKey));
	}

	/**
	 * @param security the properties
	 * @return the security of the in-app client of the embedded broker ('broker' mode): the
	 * application's key pair on both ends
	 */
	static ClientSecurity inAppClient(AiodistbusProperties.Security security) {
		if (!security.isEnabled()) {
			return null;
		}
		CurveKeyPair keys = keyPair(security);
		String brokerPublicKey = security.getBrokerPublicKey();
		// Set to another key, it was most likely meant for a 'client' mode application: say so
		// rather than let the value look effective.
		if (brokerPublicKey != null && !brokerPublicKey.isEmpty() && !brokerPublicKey.equals(keys.publicKey())) {
			throw new IllegalStateException(PREFIX + "broker-public-key is not this application's public key: in "
					+ "'broker' mode the embedded broker uses the application's key pair, leave it unset");
		}
		return ClientSecurity.curve(keys, keys.publicKey());
	}

	private static CurveKeyPair keyPair(AiodistbusProperties.Security security) {
		String publicKey = security.getPublicKey();
		String secretKey = security.getSecretKey();
		Path file = security.getKeyFile();
		boolean inline = publicKey != null || secretKey != null;
		if (file != null) {
			if (inline) {
				throw new IllegalStateException(PREFIX + "key-file and " + PREFIX + "public-key/secret-key are both "
						+ "set: give the application's key pair one way only");
			}
			try {
				return CurveKeyPair.fromFile(file);
			}
			catch (IOException ex) {
				throw new IllegalStateException(PREFIX + "key-file: cannot read " + file + ": " + ex, ex);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(PREFIX + "key-file: " + ex.getMessage(), ex);
			}
		}
		if (!inline) {
			throw new IllegalStateException(PREFIX + "public-key and " + PREFIX + "secret-key (or " + PREFIX
					+ "key-file) must be set when " + ENABLED + " is true");
		}
		if (publicKey == null) {
			throw new IllegalStateException(PREFIX + "public-key must be set when " + PREFIX + "secret-key is");
		}
		if (secretKey == null) {
			throw new IllegalStateException(PREFIX + "secret-key must be set when " + PREFIX + "public-key is");
		}
		key(PREFIX + "public-key", publicKey);
		key(PREFIX + "secret-key", secretKey);
		try {
			return CurveKeyPair.of(publicKey, secretKey);
		}
		catch (IllegalArgumentException ex) {
			// both keys are well-formed, so what is left is a pair that does not belong together
			throw new IllegalStateException(PREFIX + "secret-key: " + ex.getMessage(), ex);
		}
	}

	private static String key(String property, String key) {
		try {
			return CurveKeys.requireKey(key, property);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

}
