package io.aiodistbus.benchmarks;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The benchmarks use the core library's API, but for the two places that measure the wire format
 * itself, as Vert.x lets only its own tests see its {@code impl} packages: the codec benchmark and
 * the frames the bare JeroMQ relay carries, which must be byte for byte what the bus sends.
 */
@AnalyzeClasses(packages = "io.aiodistbus.benchmarks", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/** The two classes, their nested classes and what JMH generates for the codec benchmark. */
	private static final String WIRE_MEASUREMENTS = "io\\.aiodistbus\\.benchmarks\\.(jmh\\.CodecBenchmark"
			+ "|jmh\\.jmh_generated\\.CodecBenchmark_.*|distributed\\.TickFrames)(\\$.*)?";

	@ArchTest
	static final ArchRule onlyTheWireMeasurementsUseCoreInternals = noClasses()
		.that()
		.haveNameNotMatching(WIRE_MEASUREMENTS)
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.aiodistbus.internal..");

	@ArchTest
	static final ArchRule theWireMeasurementsUseOnlyTheWirePackage = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.aiodistbus.internal.dispatch..", "io.aiodistbus.internal.topic..");
}
