package io.aiodistbus.nats;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
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

/**
 * The one module besides core that uses core's internal packages, and why: a transport is what the
 * ZeroMQ client is, so it builds on what that client builds on: the entry point skeleton and the handler
 * table ({@code internal.dispatch}, which is how the contract's semantics come for free), the native
 * frame ({@code internal.wire}, so that loss accounting, dtypes and headers are the broker's, byte for
 * byte) and the parsed pattern ({@code TopicPattern}, whose segments become subject tokens). It stays a
 * module of its own so that applications without NATS do not get jnats. These rules keep the exception
 * that narrow: nothing else internal, and no internal type in this module's public API.
 */
@AnalyzeClasses(packages = "io.aiodistbus.nats", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String INTERNAL = "io.aiodistbus.internal";

	@ArchTest
	static final ArchRule onlyDispatchWireAndPatterns = noClasses().should()
		.dependOnClassesThat(DescribedPredicate.describe(
				"are internal, other than internal.dispatch, internal.wire and TopicPattern",
				(JavaClass type) -> type.getPackageName().startsWith(INTERNAL)
						&& !type.getPackageName().equals(INTERNAL + ".dispatch")
						&& !type.getPackageName().equals(INTERNAL + ".wire")
						&& !type.getName().equals(INTERNAL + ".topic.TopicPattern")));

	@ArchTest
	static final ArchRule publicApiExposesNoInternalType = members().that()
		.areDeclaredInClassesThat()
		.arePublic()
		.and()
		.haveModifier(JavaModifier.PUBLIC)
		.should(new ArchCondition<JavaMember>("not take or return an internal type") {
			@Override
			public void check(JavaMember member, ConditionEvents events) {
				List<JavaClass> exposed = new ArrayList<>();
				if (member instanceof JavaCodeUnit unit) {
					exposed.add(unit.getRawReturnType());
					exposed.addAll(unit.getRawParameterTypes());
				}
				for (JavaClass type : exposed) {
					if (type.getPackageName().startsWith(INTERNAL)) {
						events.add(SimpleConditionEvent.violated(member, member.getFullName() + " exposes " + type.getName()));
					}
				}
			}
		});
}
