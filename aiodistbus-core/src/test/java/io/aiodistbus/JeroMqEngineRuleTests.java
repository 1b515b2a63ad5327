package io.aiodistbus;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;
import zmq.Msg;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The rule that keeps JeroMQ's engine behind one class fails on a class that uses the engine, and
 * not on one that uses JeroMQ's API only.
 */
class JeroMqEngineRuleTests {

	@Test
	void aClassOutsideTheEngineThatUsesTheEngineViolatesTheRule() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> ArchitectureTests.onlyTheEngineShouldUseJeroMqInternals
				.check(new ClassFileImporter().importClasses(UsesTheEngine.class)))
			.withMessageContaining(UsesTheEngine.class.getName())
			.withMessageContaining(Msg.class.getName());
	}

	@Test
	void aClassThatUsesTheApiOnlyFollowsTheRule() {
		assertThatNoException().isThrownBy(() -> ArchitectureTests.onlyTheEngineShouldUseJeroMqInternals
			.check(new ClassFileImporter().importClasses(UsesTheApi.class)));
	}

	static final class UsesTheEngine {

		boolean hasMore(Msg frame) {
			return frame.hasMore();
		}
	}

	static final class UsesTheApi {

		int dontWait() {
			return ZMQ.DONTWAIT + ZMQ.SNDMORE;
		}

		boolean hasMore(ZMQ.Socket socket) {
			return socket.hasReceiveMore();
		}
	}
}
