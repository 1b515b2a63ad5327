package io.aiodistbus.autoconfigure.aot;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import io.aiodistbus.EntryPoint;
import io.aiodistbus.autoconfigure.aot.AotSampleApplication.Farewell;
import io.aiodistbus.autoconfigure.aot.AotSampleApplication.Greeter;
import io.aiodistbus.autoconfigure.aot.AotSampleApplication.Greeting;
import io.aiodistbus.autoconfigure.aot.AotSampleApplication.Preferences;
import io.aiodistbus.event.BusEvent;
import io.aiodistbus.spring.EventHandler;
import io.aiodistbus.spring.Evented;
import io.aiodistbus.test.EventRecorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring's AOT processing of an application on the bus, as a native build runs it: the hints it
 * records, the evented proxy class it writes out, and the application started from the generated
 * code alone, still delivering to its handlers and emitting its evented bean's changes.
 * The generated code reaches package-private classes (Boot's, ours), so it is compiled into the
 * packages it names with a class loader of its own.
 */
@CompileWithForkedClassLoader
class AotProcessingTests {

	@Test
	void aotProcessedApplicationShouldStartFromGeneratedCodeAndDeliver() {
		AnnotationConfigApplicationContext source = new AnnotationConfigApplicationContext();
		source.register(AotSampleApplication.class);
		TestGenerationContext generationContext = new TestGenerationContext(AotSampleApplication.class);
		ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(source, generationContext);
		generationContext.writeGeneratedContent();

		RuntimeHints hints = generationContext.getRuntimeHints();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Greeter.class, "onGreeting")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Greeting.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Farewell.class)).as("found by the scan").accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Preferences.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(EventHandler.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(BusEvent.class)).accepts(hints);
		Set<String> classFiles = generationContext.getGeneratedFiles().getGeneratedFiles(Kind.CLASS).keySet();
		assertThat(classFiles).as("the evented bean's proxy, written out ahead of time")
			.anyMatch((file) -> file.contains("AotSampleApplication$Preferences$$SpringCGLIB$$"));

		TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
			try (GenericApplicationContext context = new GenericApplicationContext()) {
				@SuppressWarnings("unchecked")
				ApplicationContextInitializer<GenericApplicationContext> generated = compiled
					.getInstance(ApplicationContextInitializer.class, initializer.toString());
				generated.initialize(context);
				context.refresh();
				EntryPoint entryPoint = context.getBean(EntryPoint.class);
				try (EventRecorder recorder = EventRecorder.on(entryPoint, "sample.*")) {
					entryPoint.emit(new Greeting("hello"));
					assertThat(context.getBean(Greeter.class).heard).containsExactly(new Greeting("hello"));
					Preferences preferences = context.getBean(Preferences.class);
					assertThat(Evented.isEvented(preferences)).isTrue();
					preferences.setTheme("dark");
					await().untilAsserted(() -> assertThat(recorder.payloads("sample.preferences.changed", Preferences.class))
						.extracting(Preferences::getTheme)
						.containsExactly("dark"));
				}
			}
		});
	}

}
