package io.aiodistbus.broker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiodistbus.DropReason;
import io.aiodistbus.distributed.BrokerStats;
import io.aiodistbus.distributed.HandshakeFailure;
import io.aiodistbus.nats.NatsBridgeStats;

/**
 * The broker's state as the JSON of {@code /stats}: its counters, rates, drops by reason and event
 * types by rate, and its bridge to NATS when it has one.
 */
final class StatsJson {

	private static final ObjectMapper mapper = new ObjectMapper();

	private StatsJson() {
	}

	static String of(BrokerMonitor monitor) {
		BrokerStats stats = monitor.stats();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("endpoint", monitor.broker().endpoint());
		json.put("running", stats.running());
		json.put("uptimeSeconds", monitor.uptime().toSeconds());
		json.put("connectedClients", stats.connectedClients());
		// by address where the kernel names the connections (Linux), else left out
		monitor.clients().ifPresent((clients) -> json.put("clients", clients.stream()
			.map((client) -> Map.of("address", client.address(), "wireFormat", client.wireFormat()))
			.toList()));
		json.put("handshakes", stats.handshakes());
		json.put("relayed", stats.relayed());
		json.put("relayedPerSecond", round(monitor.relayedPerSecond()));
		json.put("translated", stats.translated());
		json.put("pulses", stats.pulses());
		json.put("refusedConnections", stats.refusedConnections());
		json.put("droppedTotal", stats.droppedTotal());
		Map<String, Long> dropped = new LinkedHashMap<>();
		for (DropReason reason : DropReason.values()) {
			dropped.put(reason.tag(), stats.dropped().getOrDefault(reason, 0L));
		}
		json.put("dropped", dropped);
		Map<String, Long> failed = new LinkedHashMap<>();
		for (HandshakeFailure cause : HandshakeFailure.values()) {
			failed.put(cause.name().toLowerCase(Locale.ROOT), stats.failedHandshakes().getOrDefault(cause, 0L));
		}
		json.put("failedHandshakes", failed);
		List<Map<String, Object>> types = new ArrayList<>();
		for (TypeTraffic.TypeSnapshot type : monitor.types().snapshot()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("type", type.type());
			entry.put("count", type.count());
			entry.put("perSecond", round(type.perSecond()));
			types.add(entry);
		}
		json.put("types", types);
		// by prefix, not by client: ZeroMQ's publish socket tells which prefixes are subscribed, not by whom
		Map<String, Object> subscriptions = new LinkedHashMap<>();
		monitor.broker().subscriptions().forEach((format, prefixes) ->
				subscriptions.put(format.name().toLowerCase(Locale.ROOT), prefixes));
		json.put("subscriptions", subscriptions);
		monitor.bridge().ifPresent((bridge) -> json.put("natsBridge", bridge(bridge)));
		try {
			return mapper.writeValueAsString(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot write the broker's stats as JSON", ex);
		}
	}

	private static Map<String, Object> bridge(NatsBridgeStats bridge) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("connected", bridge.connected());
		json.put("brokerSide", bridge.brokerSide().name());
		json.put("natsSide", bridge.natsSide().name());
		json.put("natsServer", bridge.natsServer());
		json.put("toNats", bridge.toNats());
		json.put("fromNats", bridge.fromNats());
		return json;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
