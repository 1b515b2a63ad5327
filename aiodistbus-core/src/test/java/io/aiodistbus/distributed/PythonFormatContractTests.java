package io.aiodistbus.distributed;

import java.time.Duration;

import io.aiodistbus.EntryPoint;

/**
 * The shared suite through a real broker with every client speaking Python's format, as a Java
 * client does on a Python broker: the path Python peers share must keep the same semantics as the
 * native one.
 */
class PythonFormatContractTests extends DistributedEventBusContractTests {

	@Override
	protected EntryPoint newEntryPoint() {
		return new DEntryPoint(ClientOptions.defaults()
			.withReconnect(false)
			.withConnectTimeout(Duration.ofSeconds(20))
			.withWireFormat(WireFormat.PYTHON));
	}

	@Override
	protected WireFormat expectedWireFormat() {
		return WireFormat.PYTHON;
	}
}
