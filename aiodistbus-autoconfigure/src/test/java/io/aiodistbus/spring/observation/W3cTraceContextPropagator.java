package io.aiodistbus.spring.observation;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * W3C Trace Context ({@code traceparent}) for the test tracer, which has no propagator of its own: what
 * Spring Boot's default propagation writes and reads in an application with a tracing bridge.
 */
final class W3cTraceContextPropagator implements Propagator {

	static final String TRACEPARENT = "traceparent";

	static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-(0[01])");

	private final Tracer tracer;

	W3cTraceContextPropagator(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public List<String> fields() {
		return List.of(TRACEPARENT);
	}

	@Override
	public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
		setter.set(carrier, TRACEPARENT, "00-" + context.traceId() + "-" + context.spanId() + "-"
				+ (Boolean.TRUE.equals(context.sampled()) ? "01" : "00"));
	}

	@Override
	public <C> Span.Builder extract(C carrier, Getter<C> getter) {
		String traceparent = getter.get(carrier, TRACEPARENT);
		Matcher matcher = (traceparent != null) ? FORMAT.matcher(traceparent) : null;
		if (matcher == null || !matcher.matches()) {
			return this.tracer.spanBuilder().setNoParent();
		}
		return this.tracer.spanBuilder()
			.setParent(this.tracer.traceContextBuilder()
				.traceId(matcher.group(1))
				.spanId(matcher.group(2))
				.sampled("01".equals(matcher.group(3)))
				.build());
	}
}
