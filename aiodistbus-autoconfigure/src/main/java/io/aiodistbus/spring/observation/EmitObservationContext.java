package io.aiodistbus.spring.observation;

import java.util.Map;

import io.micrometer.observation.transport.SenderContext;

/**
 * The context of an emit's observation: the event type, and the headers of the event being emitted,
 * into which tracing writes its context (W3C {@code traceparent}, say) when the observation starts.
 */
public class EmitObservationContext extends SenderContext<Map<String, String>> {

	private final String type;

	/**
	 * @param type the event type
	 * @param headers the headers the event will carry, written to by propagation
	 */
	public EmitObservationContext(String type, Map<String, String> headers) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		});
		setCarrier(headers);
		setRemoteServiceName("aiodistbus");
		this.type = type;
	}

	/** @return the event type */
	public String getType() {
		return this.type;
	}
}
