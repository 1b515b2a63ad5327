package io.aiodistbus.distributed;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.contract.EventBusContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared suite through a real broker on loopback. Clients run with reconnect off, the original's
 * behaviour, so that a closing broker closes them as the local bus closes its entry points.
 */
class DistributedEventBusContractTests extends EventBusContractTests {

	private final DEventBus broker = new DEventBus(BrokerOptions.defaults().withPulse(Duration.ofMillis(500)));

	@Override
	protected EntryPoint newEntryPoint() {
		return new DEntryPoint(ClientOptions.defaults().withReconnect(false).withConnectTimeout(Duration.ofSeconds(20)));
	}

	@Override
	protected void connect(EntryPoint entryPoint) {
		((DEntryPoint) entryPoint).connect("127.0.0.1", this.broker.port());
	}

	@Override
	protected void closeBus() {
		this.broker.close();
	}

	/** @return the format the clients should settle on with our broker */
	protected WireFormat expectedWireFormat() {
		return WireFormat.NATIVE;
	}

	@Test
	void clientsSettleOnTheExpectedFormat() {
		DEntryPoint client = (DEntryPoint) connected();

		assertThat(client.wireFormat()).isEqualTo(expectedWireFormat());
	}

	@AfterEach
	void closeBroker() {
		this.broker.close();
	}
}
