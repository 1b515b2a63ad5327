package io.aiodistbus.distributed;

import java.time.Duration;
import java.util.List;

import io.aiodistbus.EntryPoint;

/** Consumer groups and request/reply across JVMs through a ZeroMQ broker in this one. */
class GroupsAcrossJvmsTests extends GroupsAcrossJvmsTestBase {

	private static final String HOST = "127.0.0.1";

	private final DEventBus broker = new DEventBus();

	@Override
	protected EntryPoint newEntryPoint() {
		return new DEntryPoint(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20)));
	}

	@Override
	protected void connect(EntryPoint entryPoint) {
		((DEntryPoint) entryPoint).connect(HOST, this.broker.port());
	}

	@Override
	protected Class<?> servicesMain() {
		return RemoteServices.class;
	}

	@Override
	protected List<String> servicesArguments() {
		return List.of(HOST, String.valueOf(this.broker.port()));
	}

	@Override
	protected int groupMembers() {
		return this.broker.groupMembers();
	}

	@Override
	protected void closeBus() {
		this.broker.close();
	}
}
