package io.jenkins.plugins.seldon.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs look-alike fixtures through the Jupiter engine and checks what the condition skips, and why. */
class NeedsJenkinsConditionTest {

    @Test
    void skipsClassAnnotatedDirectlyOrThroughAComposedAnnotation() {
        assertSkippedContainer(AnnotatedClass.class);
        assertSkippedContainer(MetaAnnotatedClass.class);
    }

    @Test
    void skipsClassWithAHarnessFieldWithoutInstantiatingIt() {
        // The field's type throws when constructed: instantiating the class would fail the run instead of skipping it.
        assertSkippedContainer(HarnessFieldClass.class);
    }

    @Test
    void skipsOnlyTheMethodsThatNeedJenkins() {
        EngineExecutionResults results = run(MixedClass.class);
        assertEquals(1, results.testEvents().succeeded().count());
        assertEquals(List.of(NeedsJenkinsCondition.REASON, NeedsJenkinsCondition.REASON), skipReasons(results));
        assertEquals(0, results.allEvents().failed().count());
    }

    private static void assertSkippedContainer(Class<?> fixture) {
        EngineExecutionResults results = run(fixture);
        assertEquals(List.of(NeedsJenkinsCondition.REASON), skipReasons(results), fixture.getSimpleName());
        assertEquals(0, results.testEvents().started().count(), fixture.getSimpleName());
    }

    private static EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                // Only the look-alike condition below, not the auto-detected real one.
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .selectors(selectClass(fixture))
                .execute();
    }

    private static List<String> skipReasons(EngineExecutionResults results) {
        return results.allEvents().skipped().stream()
                .map(event -> event.getPayload(String.class).orElse(""))
                .toList();
    }

    @Retention(RetentionPolicy.RUNTIME)
    @interface LookAlikeWithJenkins {}

    @Retention(RetentionPolicy.RUNTIME)
    @LookAlikeWithJenkins
    @interface ComposedWithJenkins {}

    static class LookAlikeHarness {
        LookAlikeHarness() {
            throw new IllegalStateException("must not be constructed");
        }
    }

    static class LookAlikeHarnessSubclass extends LookAlikeHarness {}

    static final class LookAlikeCondition implements ExecutionCondition {
        private final NeedsJenkinsCondition delegate = new NeedsJenkinsCondition(
                Set.of(LookAlikeWithJenkins.class.getName()), Set.of(LookAlikeHarness.class.getName()));

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return delegate.evaluateExecutionCondition(context);
        }
    }

    @ExtendWith(LookAlikeCondition.class)
    @LookAlikeWithJenkins
    static class AnnotatedClass {
        @Test
        void test() {}
    }

    @ExtendWith(LookAlikeCondition.class)
    @ComposedWithJenkins
    static class MetaAnnotatedClass {
        @Test
        void test() {}
    }

    @ExtendWith(LookAlikeCondition.class)
    static class HarnessFieldClass {
        final LookAlikeHarnessSubclass harness = new LookAlikeHarnessSubclass();

        @Test
        void test() {}
    }

    @ExtendWith(LookAlikeCondition.class)
    static class MixedClass {
        @Test
        void plain() {}

        @Test
        @LookAlikeWithJenkins
        void annotated() {}

        @Test
        void parameter(LookAlikeHarness harness) {}
    }
}
