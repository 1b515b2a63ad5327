package io.aiodistbus.local;

import org.junit.jupiter.api.AfterEach;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.contract.EventBusContractTests;

class LocalEventBusContractTests extends EventBusContractTests {

	private final EventBus bus = new EventBus();

	@Override
	protected EntryPoint newEntryPoint() {
		return new LocalEntryPoint();
	}

	@Override
	protected void connect(EntryPoint entryPoint) {
		((LocalEntryPoint) entryPoint).connect(this.bus);
	}

	@Override
	protected void closeBus() {
		this.bus.close();
	}

	@AfterEach
	void closeBusAfterTest() {
		this.bus.close();
	}
}
