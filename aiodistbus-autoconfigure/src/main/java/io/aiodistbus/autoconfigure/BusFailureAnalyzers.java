package io.aiodistbus.autoconfigure;

import org.zeromq.ZMQException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.aiodistbus.distributed.ConnectTimeoutException;

/**
 * Boot failure analyzers for the bus's start-up failures, registered in {@code META-INF/spring.factories}:
 * they turn the stack trace into "APPLICATION FAILED TO START" with a description and an action.
 */
final class BusFailureAnalyzers {

	private BusFailureAnalyzers() {
	}

	/** An {@code aiodistbus.mode} that names no mode. */
	static final class InvalidMode extends AbstractFailureAnalyzer<InvalidBusModeException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, InvalidBusModeException cause) {
			return new FailureAnalysis("The property " + OnBusModeCondition.PROPERTY + " is '" + cause.value()
					+ "', which is not a mode of the bus.",
					"Set " + OnBusModeCondition.PROPERTY + " to one of " + InvalidBusModeException.validModes()
							+ ": 'local' (in-process only, the default), 'broker' (an embedded broker that other "
							+ "services connect to), 'client' (connects to the broker at aiodistbus.client.host "
							+ "and aiodistbus.client.port) or 'nats' (connects to the NATS servers at "
							+ "aiodistbus.nats.servers; needs aiodistbus-nats).",
					cause);
		}

	}

	/** The application's client found no broker in time. */
	static final class ConnectTimeout extends AbstractFailureAnalyzer<ConnectTimeoutException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, ConnectTimeoutException cause) {
			return new FailureAnalysis(cause.getMessage(),
					"Start the broker at " + cause.endpoint() + ", or point aiodistbus.client.host and "
							+ "aiodistbus.client.port at a running one; if it answers slowly, raise "
							+ "aiodistbus.client.connect-timeout. With CURVE, check aiodistbus.security.* against "
							+ "the broker's keys and allow-list.",
					cause);
		}

	}

	/** The embedded broker could not bind its ports. */
	static final class BrokerPortInUse extends AbstractFailureAnalyzer<ZMQException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, ZMQException cause) {
			if (cause.getErrorCode() != zmq.ZError.EADDRINUSE) {
				return null;
			}
			return new FailureAnalysis(
					"The aiodistbus broker could not bind its ports: " + bindMessage(rootFailure, cause) + ".",
					"Stop the process that holds the port (another instance of this application, or another "
							+ "broker), or set aiodistbus.broker.port to another first port: the broker binds it and "
							+ "the next two (handshake, publish, collect); 0 picks free ones.",
					cause);
		}

		// The broker's own message names the address and the ports; ZeroMQ's only the error.
		private static String bindMessage(Throwable rootFailure, ZMQException cause) {
			for (Throwable candidate = rootFailure; candidate != null && candidate != cause;
					candidate = candidate.getCause()) {
				if (candidate.getCause() == cause) {
					return candidate.getMessage();
				}
			}
			return "address already in use";
		}

	}

}
