package io.aiodistbus.autoconfigure;

import org.zeromq.ZMQException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.aiodistbus.distributed.ConnectTimeoutException;
import io.aiodistbus.nats.NatsConnectException;

/**
 * Boot failure analyzers for the bus's start-up failures, registered in {@code META-INF/spring.factories}:
 * they turn the stack trace into "APPLICATION FAILED TO START" with a description and an action. Without
 * {@code aiodistbus-nats} on the class path, Boot skips the one for NATS, which it cannot load.
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
							+ "the broker's keys and allow-list." + startingBefore("the broker", "client"),
					cause);
		}

	}

	/** The application's NATS entry point found no server in time. */
	static final class NatsConnect extends AbstractFailureAnalyzer<NatsConnectException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, NatsConnectException cause) {
			return new FailureAnalysis(
					"No connection to a NATS server of " + cause.servers() + " within "
							+ cause.connectTimeout().toMillis() + " ms: " + cause.getCause().getMessage() + ".",
					"Start a NATS server at " + String.join(", ", cause.servers()) + ", or point "
							+ "aiodistbus.nats.servers at running ones; check the credentials (aiodistbus.nats.user "
							+ "and .password, .token, .nkey-seed or .creds-file) and TLS against the servers'; if "
							+ "they answer slowly, raise aiodistbus.nats.connect-timeout."
							+ startingBefore("its servers", "nats"),
					cause);
		}

	}

	/** The advice both connecting modes end with: fail-fast off. */
	private static String startingBefore(String servers, String mode) {
		return " To start the application before " + servers + " and connect in the background, set aiodistbus."
				+ mode + ".fail-fast=false.";
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
