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

	/**
	 * No: a client in Python's format subscribes on the broker's Python publish socket, where the broker
	 * never sends routed group traffic or replies (Python peers must not see them), as a Java client on a
	 * Python broker gets none. Groups and request/reply are for the native format.
	 */
	@Override
	protected boolean supportsGroupsAndReplies() {
		return false;
	}

	@Override
	protected WireFormat expectedWireFormat() {
		return WireFormat.PYTHON;
	}
}
