package io.aiodistbus.broker;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The standalone broker and its tools use the core library's API only, and no Spring: nothing here
 * reaches into {@code io.aiodistbus.internal..} or {@code org.springframework..}.
 */
@AnalyzeClasses(packages = "io.aiodistbus.broker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule shouldNotUseCoreInternals = noClasses().should()
		.dependOnClassesThat()
		.resideInAPackage("io.aiodistbus.internal..");

	@ArchTest
	static final ArchRule shouldNotUseSpring = noClasses().should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework..");

}
