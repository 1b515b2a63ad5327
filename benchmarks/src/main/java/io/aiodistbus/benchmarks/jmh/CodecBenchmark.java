package io.aiodistbus.benchmarks.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiodistbus.benchmarks.Tick;
import io.aiodistbus.codec.Dtypes;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.Event;
import io.aiodistbus.internal.wire.EventFrames;
import io.aiodistbus.internal.wire.WireEvent;

/**
 * Per-event serialization: our three frames (topic, event JSON with the payload inside, CRC-32) encoded
 * and decoded back to the record, against plain Jackson writing and reading an envelope with the same
 * fields. Both sides start from an {@link Event} (new id and time), so that only the encoding differs.
 * The one-way variants show which half the time is spent in. The receive variants take the path a
 * client takes to a handler (frames, event, the handler's class): for the record's own dtype, and for
 * a dict as a Python peer writes it, received by a handler of the record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {

	private final PayloadCodec codec = PayloadCodec.shared();

	private final ObjectMapper mapper = new ObjectMapper();

	private long seq;

	private byte[][] frames;

	private byte[][] pythonDictFrames;

	private byte[] envelopeBytes;

	/**
	 * The event as plain Jackson would send it.
	 * @param type the event type
	 * @param data the payload as a nested object
	 * @param dtype the payload's type name
	 * @param id the event id
	 * @param timestamp the time as text
	 */
	public record Envelope(String type, Tick data, String dtype, String id, String timestamp) {
	}

	@Setup
	public void setUp() throws IOException {
		this.frames = EventFrames.encode(newEvent(), this.codec);
		this.envelopeBytes = this.mapper.writeValueAsBytes(envelope(newEvent()));
		byte[] dict = ("{\"round\": 0, \"publisher\": 0, \"seq\": 1, \"sentNanos\": 123456789, "
				+ "\"text\": \"order 42 shipped\"}").getBytes(StandardCharsets.US_ASCII);
		this.pythonDictFrames = EventFrames.encode(Event.of(Tick.TYPE, dict, Dtypes.DICT), this.codec);
	}

	private Event newEvent() {
		Tick tick = new Tick(0, 0, this.seq++, 123456789L, "order 42 shipped");
		return Event.of(Tick.TYPE, tick, this.codec.dtypeOf(tick));
	}

	private static Envelope envelope(Event event) {
		return new Envelope(event.type(), (Tick) event.data(), event.dtype(), event.id(), event.timestampText());
	}

	@Benchmark
	public Tick aiodistbusRoundTrip() {
		byte[][] encoded = EventFrames.encode(newEvent(), this.codec);
		return decode(encoded);
	}

	@Benchmark
	public Tick jacksonRoundTrip() throws IOException {
		byte[] bytes = this.mapper.writeValueAsBytes(envelope(newEvent()));
		return this.mapper.readValue(bytes, Envelope.class).data();
	}

	@Benchmark
	public byte[][] aiodistbusEncode() {
		return EventFrames.encode(newEvent(), this.codec);
	}

	@Benchmark
	public byte[] jacksonEncode() throws IOException {
		return this.mapper.writeValueAsBytes(envelope(newEvent()));
	}

	@Benchmark
	public Tick aiodistbusDecode() {
		return decode(this.frames);
	}

	@Benchmark
	public Tick jacksonDecode() throws IOException {
		return this.mapper.readValue(this.envelopeBytes, Envelope.class).data();
	}

	@Benchmark
	public Tick aiodistbusReceive() {
		return receive(this.frames);
	}

	@Benchmark
	public Tick aiodistbusReceivePythonDict() {
		return receive(this.pythonDictFrames);
	}

	private Tick receive(byte[][] encoded) {
		Event event = EventFrames.decode(encoded[0], encoded[1], encoded[2]).toEvent(this.codec);
		return this.codec.convert(event, Tick.class);
	}

	private Tick decode(byte[][] encoded) {
		WireEvent wire = EventFrames.decode(encoded[0], encoded[1], encoded[2]);
		return this.codec.decode(wire.data(), wire.dtype(), Tick.class, wire.type(), wire.id());
	}
}
