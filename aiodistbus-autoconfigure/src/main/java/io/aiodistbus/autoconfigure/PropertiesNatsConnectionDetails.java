package io.aiodistbus.autoconfigure;

import java.util.List;

import io.aiodistbus.nats.NatsCredentials;

/**
 * {@link NatsConnectionDetails} from the {@code aiodistbus.nats.*} properties. Of the credential
 * settings, at most one kind may be set: which one a server wants is not for us to guess.
 */
final class PropertiesNatsConnectionDetails implements NatsConnectionDetails {

	private final AiodistbusNatsProperties properties;

	PropertiesNatsConnectionDetails(AiodistbusNatsProperties properties) {
		this.properties = properties;
	}

	@Override
	public List<String> getServers() {
		return this.properties.getServers();
	}

	@Override
	public NatsCredentials getCredentials() {
		AiodistbusNatsProperties p = this.properties;
		int kinds = (isSet(p.getUser()) ? 1 : 0) + (isSet(p.getToken()) ? 1 : 0) + (isSet(p.getNkeySeed()) ? 1 : 0)
				+ ((p.getCredsFile() != null) ? 1 : 0);
		if (kinds > 1) {
			throw new IllegalStateException("Set only one of aiodistbus.nats.user (with password), token, nkey-seed "
					+ "and creds-file");
		}
		if (isSet(p.getUser())) {
			if (!isSet(p.getPassword())) {
				throw new IllegalStateException("aiodistbus.nats.password must be set when aiodistbus.nats.user is");
			}
			return NatsCredentials.userPassword(p.getUser(), p.getPassword());
		}
		if (isSet(p.getToken())) {
			return NatsCredentials.token(p.getToken());
		}
		if (isSet(p.getNkeySeed())) {
			return NatsCredentials.nkey(p.getNkeySeed());
		}
		return (p.getCredsFile() != null) ? NatsCredentials.credsFile(p.getCredsFile()) : null;
	}

	private static boolean isSet(String value) {
		return value != null && !value.isEmpty();
	}

}
