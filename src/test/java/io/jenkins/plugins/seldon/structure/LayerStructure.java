package io.jenkins.plugins.seldon.structure;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Structural rules of the Jenkins layer that hold without a running Jenkins, read from compiled classes and
 * resources. Jenkins types are named by string, so the checks run against the real APIs and against the offline
 * build's stand-ins alike, and against look-alike fixtures in their own test. Each check returns its findings,
 * one readable line each; none means the rule holds.
 */
final class LayerStructure {

    /** The Jenkins names the rules are about. */
    record JenkinsNames(String dataBoundConstructor, String dataBoundSetter, String post, String descriptor,
            String stepDescriptor, Set<String> permissionChecks) {

        static final JenkinsNames REAL = new JenkinsNames(
                "org.kohsuke.stapler.DataBoundConstructor",
                "org.kohsuke.stapler.DataBoundSetter",
                "org.kohsuke.stapler.verb.POST",
                "hudson.model.Descriptor",
                "org.jenkinsci.plugins.workflow.steps.StepDescriptor",
                Set.of("checkPermission", "hasPermission", "hasPermission2", "checkAnyPermission",
                        "hasAnyPermission"));
    }

    private static final Pattern FIELD = Pattern.compile("\\bfield\\s*=\\s*[\"']([^\"'$]+)[\"']");
    private static final Pattern ESCAPE_BY_DEFAULT =
            Pattern.compile("<\\?jelly\\s+escape-by-default\\s*=\\s*[\"']true[\"']\\s*\\?>");
    private static final Pattern WEB_METHOD = Pattern.compile("do[A-Z].*");

    private final Path root;
    private final String packageName;
    private final ClassLoader loader;
    private final JenkinsNames names;
    private final Map<String, Class<?>> classes = new TreeMap<>();
    private final Map<String, ClassFile> classFiles = new HashMap<>();

    /**
     * @param root the directory the classes and resources were compiled into
     * @param packageName the package whose classes and resources (sub-packages included) are checked
     */
    LayerStructure(Path root, String packageName, ClassLoader loader, JenkinsNames names) throws IOException {
        this.root = root;
        this.packageName = packageName;
        this.loader = loader;
        this.names = names;
        for (Path file : files(".class")) {
            String internal = root.relativize(file).toString().replace('\\', '/').replaceFirst("\\.class$", "");
            ClassFile classFile = new ClassFile(Files.readAllBytes(file));
            classFiles.put(internal, classFile);
            try {
                classes.put(internal, Class.forName(internal.replace('/', '.'), false, loader));
            } catch (ClassNotFoundException e) {
                throw new IOException("compiled class not on the class path: " + internal, e);
            }
        }
    }

    /** Every {@code @DataBoundConstructor} parameter and {@code @DataBoundSetter} property has a public getter. */
    List<String> dataBoundPropertiesWithoutGetter() {
        List<String> problems = new ArrayList<>();
        for (Class<?> c : classes.values()) {
            for (Constructor<?> constructor : c.getDeclaredConstructors()) {
                if (annotated(constructor, names.dataBoundConstructor())) {
                    for (Parameter p : constructor.getParameters()) {
                        if (!p.isNamePresent()) {
                            problems.add(c.getName() + ": parameter names are not compiled in (javac -parameters)");
                        } else if (getter(c, p.getName()) == null) {
                            problems.add(c.getName() + ": @DataBoundConstructor parameter '" + p.getName()
                                    + "' has no public getter");
                        }
                    }
                }
            }
            // Inherited setters are reported once, on the class that declares them.
            for (String property : dataBoundSetterProperties(c, c)) {
                if (getter(c, property) == null) {
                    problems.add(c.getName() + ": @DataBoundSetter property '" + property + "' has no public getter");
                }
            }
        }
        return problems;
    }

    /** Every {@code field="x"} of a view names a property of the class the view belongs to. */
    List<String> jellyFieldsWithoutProperty() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path jelly : files(".jelly")) {
            Class<?> owner = viewOwner(jelly);
            if (owner == null) {
                continue;
            }
            for (String field : fields(jelly)) {
                if (!isProperty(owner, field)) {
                    problems.add(relative(jelly) + ": field '" + field + "' is not a property of " + owner.getName());
                }
            }
        }
        return problems;
    }

    /** Every field of a {@code config.jelly} or {@code global.jelly} has a {@code help-<field>.html}. */
    List<String> fieldsWithoutHelp() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path jelly : files(".jelly")) {
            String view = jelly.getFileName().toString();
            Class<?> owner = viewOwner(jelly);
            if (owner == null || !(view.equals("config.jelly") || view.equals("global.jelly"))) {
                continue;
            }
            for (String field : fields(jelly)) {
                if (!hasHelp(jelly.getParent(), owner, field)) {
                    problems.add(relative(jelly) + ": field '" + field + "' has no help-" + field + ".html");
                }
            }
        }
        return problems;
    }

    /** Every view, the plugin's {@code index.jelly} at the root included, escapes expressions by default. */
    List<String> jellyWithoutEscapeByDefault() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> views = new ArrayList<>(files(".jelly"));
        try (Stream<Path> top = Files.list(root)) {
            top.filter(p -> p.getFileName().toString().endsWith(".jelly")).sorted().forEach(views::add);
        }
        for (Path jelly : views) {
            if (!ESCAPE_BY_DEFAULT.matcher(read(jelly)).find()) {
                problems.add(relative(jelly) + ": does not declare <?jelly escape-by-default='true'?>");
            }
        }
        return problems;
    }

    /** Every public {@code do*} web method of a descriptor is {@code @POST} and checks a permission. */
    List<String> unprotectedWebMethods() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Class<?>> entry : classes.entrySet()) {
            Class<?> c = entry.getValue();
            if (!extendsType(c, names.descriptor())) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic() || !WEB_METHOD.matcher(m.getName()).matches()) {
                    continue;
                }
                if (!annotated(m, names.post())) {
                    problems.add(c.getName() + "." + m.getName() + ": web method is not @POST");
                }
                if (!checksPermission(entry.getKey(), m.getName(), descriptor(m), new HashSet<>())) {
                    problems.add(c.getName() + "." + m.getName() + ": web method checks no permission");
                }
            }
        }
        return problems;
    }

    /** Step function names, read from the constant each {@code getFunctionName()} returns; duplicates reported. */
    List<String> duplicateStepFunctionNames() {
        Map<String, List<String>> byName = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Class<?>> entry : classes.entrySet()) {
            if (!extendsType(entry.getValue(), names.stepDescriptor())
                    || Modifier.isAbstract(entry.getValue().getModifiers())) {
                continue;
            }
            List<String> returned = classFiles.get(entry.getKey()).methods().stream()
                    .filter(m -> m.name().equals("getFunctionName") && m.descriptor().equals("()Ljava/lang/String;"))
                    .flatMap(m -> classFiles.get(entry.getKey()).loadedStrings(m).stream())
                    .toList();
            if (returned.size() != 1) {
                problems.add(entry.getValue().getName() + ": getFunctionName() must return one string constant");
            } else {
                byName.computeIfAbsent(returned.get(0), k -> new ArrayList<>()).add(entry.getValue().getName());
            }
        }
        byName.forEach((name, owners) -> {
            if (owners.size() > 1) {
                problems.add("step function name '" + name + "' is used by " + owners);
            }
        });
        return problems;
    }

    /**
     * Classes of the given sub-packages that refer to a forbidden type, matched on internal names ('/') and
     * descriptors; the pattern's first group is the type reported.
     */
    List<String> references(Set<String> subPackages, Pattern forbiddenType) {
        List<String> problems = new ArrayList<>();
        String base = packageName.replace('.', '/') + "/";
        classFiles.forEach((internal, classFile) -> {
            if (subPackages.stream().anyMatch(p -> internal.startsWith(base + p + "/"))) {
                Set<String> found = new LinkedHashSet<>();
                for (String type : classFile.referencedTypes()) {
                    Matcher m = forbiddenType.matcher(type);
                    while (m.find()) {
                        found.add(m.group(1).replace('/', '.'));
                    }
                }
                if (!found.isEmpty()) {
                    problems.add(internal.replace('/', '.') + " uses " + found);
                }
            }
        });
        return problems;
    }

    // --- helpers

    private List<Path> files(String suffix) throws IOException {
        Path dir = root.resolve(packageName.replace('.', '/'));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** The class whose view this is: Stapler looks views up in a directory named after the class, '$' as '/'. */
    private Class<?> viewOwner(Path jelly) {
        String name = root.relativize(jelly.getParent()).toString().replace('\\', '/').replace('/', '.');
        for (int dot = name.length(); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
            String candidate = name.substring(0, dot).replace('.', '/') + name.substring(dot).replace('.', '$');
            Class<?> c = classes.get(candidate);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private static Set<String> fields(Path jelly) throws IOException {
        Set<String> fields = new LinkedHashSet<>();
        Matcher m = FIELD.matcher(read(jelly));
        while (m.find()) {
            fields.add(m.group(1));
        }
        return fields;
    }

    private boolean hasHelp(Path viewDir, Class<?> owner, String field) {
        if (Files.exists(viewDir.resolve("help-" + field + ".html"))) {
            return true;
        }
        for (Class<?> c = owner.getSuperclass(); c != null; c = c.getSuperclass()) {
            if (loader.getResource(c.getName().replace('.', '/').replace('$', '/') + "/help-" + field + ".html") != null) {
                return true;
            }
        }
        return false;
    }

    private boolean isProperty(Class<?> c, String property) {
        if (getter(c, property) != null || dataBoundSetterProperties(c, Object.class).contains(property)) {
            return true;
        }
        for (Constructor<?> constructor : c.getDeclaredConstructors()) {
            if (annotated(constructor, names.dataBoundConstructor())
                    && Arrays.stream(constructor.getParameters()).anyMatch(p -> p.getName().equals(property))) {
                return true;
            }
        }
        return false;
    }

    /** Properties of {@code @DataBoundSetter}s declared in {@code c} and its superclasses up to {@code upTo}. */
    private Set<String> dataBoundSetterProperties(Class<?> c, Class<?> upTo) {
        Set<String> properties = new LinkedHashSet<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k == upTo ? null : k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (annotated(m, names.dataBoundSetter()) && m.getName().startsWith("set") && m.getName().length() > 3) {
                    properties.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
                }
            }
            for (Field f : k.getDeclaredFields()) {
                if (annotated(f, names.dataBoundSetter())) {
                    properties.add(f.getName());
                }
            }
        }
        return properties;
    }

    private static Method getter(Class<?> c, String property) {
        String suffix = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (Method m : c.getMethods()) {
            if (m.getParameterCount() == 0 && m.getReturnType() != void.class && !Modifier.isStatic(m.getModifiers())
                    && (m.getName().equals("get" + suffix)
                            || (m.getName().equals("is" + suffix) && m.getReturnType() == boolean.class))) {
                return m;
            }
        }
        return null;
    }

    /**
     * Whether the method, or a method of this package that it calls, invokes a permission check. A call names the
     * static type it was made on, so a method that type does not declare is looked up in its superclasses.
     */
    private boolean checksPermission(String owner, String method, String descriptor, Set<String> visited) {
        for (ClassFile classFile = classFiles.get(owner); classFile != null;
                classFile = classFiles.get(classFile.superName())) {
            for (ClassFile.Method m : classFile.methods()) {
                if (m.name().equals(method) && m.descriptor().equals(descriptor)) {
                    return visited.add(classFile.name() + "." + method + descriptor)
                            && classFile.invokedMethods(m).stream().anyMatch(call ->
                                    names.permissionChecks().contains(call.name())
                                    || checksPermission(call.owner(), call.name(), call.descriptor(), visited));
                }
            }
        }
        return false;
    }

    private static boolean annotated(AnnotatedElement element, String annotation) {
        for (Annotation a : element.getAnnotations()) {
            if (a.annotationType().getName().equals(annotation)) {
                return true;
            }
        }
        return false;
    }

    private static boolean extendsType(Class<?> c, String type) {
        Deque<Class<?>> pending = new ArrayDeque<>(List.of(c));
        while (!pending.isEmpty()) {
            Class<?> k = pending.pop();
            if (k.getName().equals(type)) {
                return true;
            }
            if (k.getSuperclass() != null) {
                pending.add(k.getSuperclass());
            }
            pending.addAll(List.of(k.getInterfaces()));
        }
        return false;
    }

    private static String descriptor(Method m) {
        StringBuilder d = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) {
            d.append(p.descriptorString());
        }
        return d.append(')').append(m.getReturnType().descriptorString()).toString();
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
