package io.aiodistbus.benchmarks.distributed;

import io.aiodistbus.distributed.BrokerOptions;
import io.aiodistbus.distributed.BrokerSecurity;
import io.aiodistbus.distributed.ClientOptions;
import io.aiodistbus.distributed.ClientSecurity;
import io.aiodistbus.distributed.CurveKeyPair;
import io.aiodistbus.distributed.WireFormat;

/**
 * How our broker and clients are set up for a run: as an application gets them by default (the native
 * format), speaking Python's format as on a Python broker, with CURVE on, or with inline dispatch.
 */
public enum OurVariant {

	/** Default options: the native format between Java peers. */
	NATIVE("aiodistbus"),

	/** Every client in Python's format, the path Python peers share. */
	PYTHON_FORMAT("aiodistbus, Python format"),

	/** CURVE encryption and client authentication, native format. */
	CURVE("aiodistbus + CURVE"),

	/** Native format, sparse events handled on the client's I/O thread ({@code inlineDispatch}). */
	INLINE("aiodistbus, inline dispatch");

	private final String label;

	OurVariant(String label) {
		this.label = label;
	}

	/** @return the name in the results table */
	public String label() {
		return this.label;
	}

	/** The options of one broker and its clients; CURVE keys are made per setup. */
	record Setup(BrokerOptions broker, ClientOptions client) {
	}

	Setup setup() {
		return switch (this) {
			case NATIVE -> new Setup(BrokerOptions.defaults(), ClientOptions.defaults());
			case INLINE -> new Setup(BrokerOptions.defaults(), ClientOptions.defaults().withInlineDispatch(true));
			case PYTHON_FORMAT ->
				new Setup(BrokerOptions.defaults(), ClientOptions.defaults().withWireFormat(WireFormat.PYTHON));
			case CURVE -> {
				CurveKeyPair brokerKeys = CurveKeyPair.generate();
				CurveKeyPair clientKeys = CurveKeyPair.generate();
				yield new Setup(
						BrokerOptions.defaults().withSecurity(BrokerSecurity.curve(brokerKeys, clientKeys.publicKey())),
						ClientOptions.defaults()
							.withSecurity(ClientSecurity.curve(clientKeys, brokerKeys.publicKey())));
			}
		};
	}
}
