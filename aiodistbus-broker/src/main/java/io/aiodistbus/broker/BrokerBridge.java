package io.aiodistbus.broker;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.BrokerSecurity;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.ClientSecurity;
import io.aiodistbus.distributed.CurveKeyPair;
import io.aiodistbus.distributed.DEventBus;
import io.aiodistbus.nats.NatsBridge;
import io.aiodistbus.nats.NatsBridgeArgs;

/**
 * The NATS bridge a broker started with {@code --nats} runs in its own process: a {@link NatsBridge} whose
 * broker side is a client of this broker over loopback, so that it goes through the same checks as any
 * client. On a CURVE broker that client has a key pair made at start and let in beside the allow-list's;
 * its secret never leaves the process, so no allow-list entry is needed for it.
 */
final class BrokerBridge {

	private final NatsBridgeArgs args;

	private final String host;

	private final BrokerOptions brokerOptions;

	private final ClientOptions clientOptions;

	/**
	 * @param args the NATS side, from the command line
	 * @param options the broker's options from the command line
	 */
	BrokerBridge(NatsBridgeArgs args, BrokerOptions options) {
		this.args = args;
		this.host = loopback(options.host());
		ClientOptions client = ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(30));
		BrokerSecurity security = options.security();
		if (security == null) {
			this.brokerOptions = options;
			this.clientOptions = client;
			return;
		}
		CurveKeyPair keys = CurveKeyPair.generate();
		Set<String> allowed = new HashSet<>(security.allowedClientKeys());
		allowed.add(keys.publicKey());
		this.brokerOptions = options.withSecurity(BrokerSecurity.curve(security.serverKeys(), allowed));
		this.clientOptions = client.withSecurity(ClientSecurity.curve(keys, security.serverKeys().publicKey()));
	}

	/** @return the broker's options, with the bridge's own public key allowed in when CURVE is on */
	BrokerOptions brokerOptions() {
		return this.brokerOptions;
	}

	/**
	 * @param broker the running broker, started with {@link #brokerOptions()}
	 * @return the open bridge between it and NATS
	 * @throws io.aiodistbus.nats.NatsConnectException if no NATS server answers
	 */
	NatsBridge open(DEventBus broker) {
		return this.args.open(this.host, broker.port(), this.clientOptions);
	}

	/** @return the address at which a client in this process reaches a broker bound to the host */
	static String loopback(String host) {
		String bare = host.replace("[", "").replace("]", "");
		return switch (bare) {
			case "0.0.0.0", "*" -> "127.0.0.1";
			case "::" -> "::1";
			default -> bare;
		};
	}

}
