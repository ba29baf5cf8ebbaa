package io.jenkins.plugins.seldon.offline;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reports every test that needs a running Jenkins as skipped in the offline build, where the Jenkins test harness
 * exists only as compile-only stand-ins. Registered through the service loader (extension auto-detection), so the
 * plugin's tests need not know about it. Matches by class name, so it needs no Jenkins class itself.
 *
 * <p>Disabling a whole class here also keeps JUnit from instantiating it: its instance fields (a
 * {@code JenkinsSessionExtension}, say) are never created.
 */
public final class NeedsJenkinsCondition implements ExecutionCondition {

    static final String REASON = "needs a running Jenkins (offline build)";

    private static final Set<String> JENKINS_ANNOTATIONS = Set.of(
            "org.jvnet.hudson.test.junit.jupiter.WithJenkins",
            "io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode");

    private static final Set<String> JENKINS_TYPES = Set.of(
            "org.jvnet.hudson.test.JenkinsRule",
            "org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension",
            "org.jvnet.hudson.test.junit.jupiter.RealJenkinsExtension");

    private final Set<String> annotations;
    private final Set<String> types;

    public NeedsJenkinsCondition() {
        this(JENKINS_ANNOTATIONS, JENKINS_TYPES);
    }

    /** For the condition's own test, which uses look-alike annotations and types. */
    NeedsJenkinsCondition(Set<String> annotations, Set<String> types) {
        this.annotations = Set.copyOf(annotations);
        this.types = Set.copyOf(types);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean needsJenkins = context.getElement()
                .map(element -> element instanceof Class<?> c ? classNeedsJenkins(c)
                        : element instanceof Method m && methodNeedsJenkins(m))
                .orElse(false);
        return needsJenkins ? ConditionEvaluationResult.disabled(REASON)
                : ConditionEvaluationResult.enabled("needs no running Jenkins");
    }

    private boolean classNeedsJenkins(Class<?> testClass) {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            if (annotated(c)) {
                return true;
            }
            for (Field f : c.getDeclaredFields()) {
                if (jenkinsType(f.getType())) {
                    return true;
                }
            }
            for (Constructor<?> constructor : c.getDeclaredConstructors()) {
                if (anyJenkinsType(constructor.getParameterTypes())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean methodNeedsJenkins(Method method) {
        return annotated(method) || anyJenkinsType(method.getParameterTypes());
    }

    /** Directly or through meta-annotations (a composed annotation that carries {@code @WithJenkins}). */
    private boolean annotated(AnnotatedElement element) {
        Deque<Annotation> pending = new ArrayDeque<>(List.of(element.getAnnotations()));
        Set<Class<?>> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            Class<? extends Annotation> type = pending.pop().annotationType();
            if (annotations.contains(type.getName())) {
                return true;
            }
            if (seen.add(type) && !type.getName().startsWith("java.lang.annotation.")) {
                pending.addAll(List.of(type.getAnnotations()));
            }
        }
        return false;
    }

    private boolean anyJenkinsType(Class<?>[] parameterTypes) {
        for (Class<?> t : parameterTypes) {
            if (jenkinsType(t)) {
                return true;
            }
        }
        return false;
    }

    /** The type or one of its superclasses, so that subclasses such as JCasC's rule count too. */
    private boolean jenkinsType(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (types.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }
}
