package io.aiodistbus.test.spring;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The Spring test support uses the core library's API only: nothing here reaches into
 * {@code io.aiodistbus.internal..}.
 */
@AnalyzeClasses(packages = "io.aiodistbus.test.spring", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule shouldNotUseCoreInternals = noClasses().should()
		.dependOnClassesThat()
		.resideInAPackage("io.aiodistbus.internal..");

}
