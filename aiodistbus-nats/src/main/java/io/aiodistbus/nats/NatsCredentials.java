package io.aiodistbus.nats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;

import io.nats.client.AuthHandler;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * How a {@link NatsEntryPoint} proves who it is to the NATS server: a user and password, a token, an
 * NKey seed, or a credentials file (a JWT with its NKey seed, as {@code nsc} writes them). Immutable;
 * {@link #toString()} never shows a secret.
 */
public final class NatsCredentials {

	private enum Kind {

		USER_PASSWORD, TOKEN, NKEY, CREDS_FILE

	}

	private final Kind kind;

	private final String name;

	private final String secret;

	private NatsCredentials(Kind kind, String name, String secret) {
		this.kind = kind;
		this.name = name;
		this.secret = secret;
	}

	/**
	 * @param user the user name
	 * @param password the password
	 * @return credentials for a server with {@code authorization { users = [...] }} or {@code --user}
	 */
	public static NatsCredentials userPassword(String user, String password) {
		return new NatsCredentials(Kind.USER_PASSWORD, require(user, "user"), require(password, "password"));
	}

	/**
	 * @param token the token
	 * @return credentials for a server with {@code authorization { token: ... }} or {@code --auth}
	 */
	public static NatsCredentials token(String token) {
		return new NatsCredentials(Kind.TOKEN, null, require(token, "token"));
	}

	/**
	 * @param seed a user NKey seed ({@code SU...}); the server lists its public key ({@code U...})
	 * @return credentials that sign the server's nonce with the seed
	 * @throws IllegalArgumentException if the seed is no user NKey seed (the message does not repeat it)
	 */
	public static NatsCredentials nkey(String seed) {
		require(seed, "seed");
		try {
			NKey key = NKey.fromSeed(seed.toCharArray());
			return new NatsCredentials(Kind.NKEY, new String(key.getPublicKey()), seed);
		}
		catch (IllegalArgumentException | IllegalStateException | GeneralSecurityException | IOException ex) {
			throw new IllegalArgumentException("The NKey seed is not a valid seed", null);
		}
	}

	/**
	 * @param file a {@code .creds} file: a user JWT and its NKey seed
	 * @return credentials read from the file at every connect (so a rotated file is picked up)
	 * @throws IllegalArgumentException if the file cannot be read
	 */
	public static NatsCredentials credsFile(Path file) {
		Objects.requireNonNull(file, "file must not be null");
		if (!Files.isReadable(file)) {
			throw new IllegalArgumentException("The NATS credentials file " + file + " cannot be read");
		}
		return new NatsCredentials(Kind.CREDS_FILE, file.toString(), null);
	}

	private static String require(String value, String name) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
		return value;
	}

	/** Sets these credentials on a jnats options builder. */
	void applyTo(Options.Builder builder) {
		switch (this.kind) {
			case USER_PASSWORD -> builder.userInfo(this.name.toCharArray(), this.secret.toCharArray());
			case TOKEN -> builder.token(this.secret.toCharArray());
			case NKEY -> builder.authHandler(new NKeyAuth(this.secret));
			case CREDS_FILE -> builder.authHandler(Nats.credentials(this.name));
		}
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case USER_PASSWORD -> "NatsCredentials[user " + this.name + "]";
			case TOKEN -> "NatsCredentials[token]";
			case NKEY -> "NatsCredentials[nkey " + this.name + "]";
			case CREDS_FILE -> "NatsCredentials[creds file " + this.name + "]";
		};
	}

	/** Signs the server's nonce with a user NKey, for servers that list users by public key alone. */
	private static final class NKeyAuth implements AuthHandler {

		private final String seed;

		NKeyAuth(String seed) {
			this.seed = seed;
		}

		@Override
		public byte[] sign(byte[] nonce) {
			try {
				return NKey.fromSeed(this.seed.toCharArray()).sign(nonce);
			}
			catch (GeneralSecurityException | IOException ex) {
				throw new IllegalStateException("Could not sign the NATS server's nonce with the NKey", ex);
			}
		}

		@Override
		public char[] getID() {
			try {
				return NKey.fromSeed(this.seed.toCharArray()).getPublicKey();
			}
			catch (GeneralSecurityException | IOException ex) {
				throw new IllegalStateException("Could not read the NKey's public key", ex);
			}
		}

		@Override
		public char[] getJWT() {
			return null;
		}
	}
}
