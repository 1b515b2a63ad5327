package io.aiodistbus;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of the core library, as Spring Boot's {@code ArchitectureRules} states its own.
 * {@code io.aiodistbus.internal..} holds the implementation (dispatch, wire format, topic matching);
 * every other package is API.
 */
@AnalyzeClasses(packages = "io.aiodistbus", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String INTERNAL = "io.aiodistbus.internal..";

	private static final String ENGINE = "io.aiodistbus.distributed.Engine";

	/** Every package is a slice, and no two depend on each other, however indirectly. */
	@ArchTest
	static final ArchRule packagesShouldBeFreeOfCycles = slices().matching("(**)").should().beFreeOfCycles();

	/** The implementation serves the buses; it never calls back into one. */
	@ArchTest
	static final ArchRule internalShouldNotDependOnTheBuses = noClasses().that()
		.resideInAPackage(INTERNAL)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.aiodistbus.local..", "io.aiodistbus.distributed..", "io.aiodistbus.bridge..");

	/** Events, codecs and the entry point interface know nothing of the buses that carry them. */
	@ArchTest
	static final ArchRule basicApiShouldNotDependOnTheBuses = noClasses().that()
		.resideInAnyPackage("io.aiodistbus", "io.aiodistbus.event..", "io.aiodistbus.codec..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.aiodistbus.local..", "io.aiodistbus.distributed..", "io.aiodistbus.bridge..");

	/** The local bus stands alone: the bridges depend on it and on the distributed bus, not the reverse. */
	@ArchTest
	static final ArchRule localBusShouldNotDependOnTheDistributedBus = noClasses().that()
		.resideInAPackage("io.aiodistbus.local..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.aiodistbus.distributed..", "io.aiodistbus.bridge..");

	/** What a user can call never takes or returns an internal type, so users need not import one. */
	@ArchTest
	static final ArchRule apiShouldNotExposeInternalTypes = members().that()
		.areDeclaredInClassesThat(publicApi())
		.and()
		.haveModifier(JavaModifier.PUBLIC)
		.should(notExposeInternalTypes());

	/**
	 * JeroMQ's engine ({@code zmq..}, not its API {@code org.zeromq..}) changes between releases without
	 * notice: one class reaches into it, so that a JeroMQ upgrade is checked in one place.
	 */
	@ArchTest
	static final ArchRule onlyTheEngineShouldUseJeroMqInternals = noClasses().that(outsideTheEngine())
		.should()
		.dependOnClassesThat()
		.resideInAPackage("zmq..");

	private static DescribedPredicate<JavaClass> outsideTheEngine() {
		return DescribedPredicate.describe("are outside " + ENGINE + " and its nested types",
				(type) -> !type.getName().equals(ENGINE) && !type.getName().startsWith(ENGINE + "$"));
	}

	private static DescribedPredicate<JavaClass> publicApi() {
		return DescribedPredicate.describe("public classes outside " + INTERNAL,
				(type) -> type.getModifiers().contains(JavaModifier.PUBLIC)
						&& !type.getPackageName().startsWith("io.aiodistbus.internal"));
	}

	private static ArchCondition<JavaMember> notExposeInternalTypes() {
		return new ArchCondition<>("not take or return a type from " + INTERNAL) {
			@Override
			public void check(JavaMember member, ConditionEvents events) {
				List<JavaClass> exposed = new ArrayList<>();
				if (member instanceof JavaField field) {
					exposed.add(field.getRawType());
				}
				if (member instanceof JavaCodeUnit unit) {
					exposed.add(unit.getRawReturnType());
					exposed.addAll(unit.getRawParameterTypes());
				}
				for (JavaClass type : exposed) {
					if (type.getPackageName().startsWith("io.aiodistbus.internal")) {
						events.add(SimpleConditionEvent.violated(member,
								member.getFullName() + " exposes " + type.getName()));
					}
				}
			}
		};
	}
}
