package io.aiodistbus.autoconfigure;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The Spring layer uses the core library's API only: nothing here reaches into
 * {@code io.aiodistbus.internal..}, so core can change its implementation without breaking it.
 */
@AnalyzeClasses(packages = { "io.aiodistbus.autoconfigure", "io.aiodistbus.spring" },
		importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule shouldNotUseCoreInternals = noClasses().should()
		.dependOnClassesThat()
		.resideInAPackage("io.aiodistbus.internal..");

	@ArchTest
	static final ArchRule packagesShouldBeFreeOfCycles = slices().matching("(**)").should().beFreeOfCycles();
}
