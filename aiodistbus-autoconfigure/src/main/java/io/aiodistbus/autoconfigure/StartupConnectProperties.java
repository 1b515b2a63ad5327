package io.aiodistbus.autoconfigure;

/**
 * How the entry point of a connecting mode ('client', 'nats') meets a server that is down at start-up:
 * the same two properties under each mode's prefix, so that switching modes keeps them.
 */
public abstract class StartupConnectProperties {

	private final String prefix;

	/**
	 * Whether start-up fails when the entry point does not connect within 'connect-timeout'; when false
	 * the application starts anyway (health DOWN) and the entry point connects in the background.
	 */
	private boolean failFast = true;

	/**
	 * With 'fail-fast' false: emits kept while the entry point has not connected yet, sent once it has;
	 * further ones are dropped and counted (reason 'queue_full').
	 */
	private int pendingEmitLimit = 10_000;

	/**
	 * @param prefix the mode's properties' prefix, which messages name
	 */
	protected StartupConnectProperties(String prefix) {
		this.prefix = prefix;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	public int getPendingEmitLimit() {
		return this.pendingEmitLimit;
	}

	public void setPendingEmitLimit(int pendingEmitLimit) {
		if (pendingEmitLimit < 0) {
			throw new IllegalArgumentException(
					this.prefix + ".pending-emit-limit must not be negative, was " + pendingEmitLimit);
		}
		this.pendingEmitLimit = pendingEmitLimit;
	}

}
