package io.jenkins.plugins.seldon.structure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Structural rules of the Jenkins layer, and of the dependencies between the plugin's packages, that hold without a
 * running Jenkins, read from compiled classes and resources. Jenkins types are named by string, so the checks run
 * against the real APIs and against the offline build's stand-ins alike, and against look-alike fixtures in their own
 * test. Each check returns its findings, one readable line each; none means the rule holds.
 */
final class LayerStructure {

    /** The Jenkins names the rules are about. */
    record JenkinsNames(String dataBoundConstructor, String dataBoundSetter, String post, String descriptor,
            String stepDescriptor, String buildStepDescriptor, String symbol, Set<String> permissionChecks) {

        static final JenkinsNames REAL = new JenkinsNames(
                "org.kohsuke.stapler.DataBoundConstructor",
                "org.kohsuke.stapler.DataBoundSetter",
                "org.kohsuke.stapler.verb.POST",
                "hudson.model.Descriptor",
                "org.jenkinsci.plugins.workflow.steps.StepDescriptor",
                "hudson.tasks.BuildStepDescriptor",
                "org.jenkinsci.Symbol",
                Set.of("checkPermission", "hasPermission", "hasPermission2", "checkAnyPermission",
                        "hasAnyPermission"));
    }

    private static final Pattern FIELD = Pattern.compile("\\bfield\\s*=\\s*[\"']([^\"'$]+)[\"']");
    private static final Pattern ESCAPE_BY_DEFAULT =
            Pattern.compile("<\\?jelly\\s+escape-by-default\\s*=\\s*[\"']true[\"']\\s*\\?>");
    private static final Pattern WEB_METHOD = Pattern.compile("do[A-Z].*");
    private static final Pattern INCLUDE = Pattern.compile("<st:include\\b([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");
    private static final Pattern LITERAL_CLASS = Pattern.compile("[\\w.$]+");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    private final Path root;
    private final String packageName;
    private final ClassLoader loader;
    private final JenkinsNames names;
    private final Map<String, Class<?>> classes = new TreeMap<>();
    private final Map<String, ClassFile> classFiles = new TreeMap<>();
    /** Types of the checked package, as in class files ('/'), preceded by the start or by 'L' in descriptors. */
    private final Pattern ownType;

    /**
     * @param root the directory the classes and resources were compiled into
     * @param packageName the package whose classes and resources (sub-packages included) are checked
     */
    LayerStructure(Path root, String packageName, ClassLoader loader, JenkinsNames names) throws IOException {
        this.root = root;
        this.packageName = packageName;
        this.loader = loader;
        this.names = names;
        this.ownType = Pattern.compile("(?:^|L)(" + Pattern.quote(packageName.replace('.', '/') + "/") + "[\\w/$]+)");
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

    /**
     * Every field of a view, its included fragments' fields among them, names a property of the class the view
     * belongs to.
     */
    List<String> jellyFieldsWithoutProperty() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Class<?>> view : views().entrySet()) {
            Class<?> owner = view.getValue();
            for (ViewField field : fieldsThroughIncludes(view.getKey())) {
                if (!isProperty(owner, field.name())) {
                    problems.add(field.describe(view.getKey()) + " is not a property of " + owner.getName());
                }
            }
        }
        return problems;
    }

    /**
     * Every field of a {@code config.jelly} or {@code global.jelly}, its included fragments' fields among them, has a
     * {@code help-<field>.html} where Jenkins looks for it: beside the views of the owning class or a superclass.
     */
    List<String> fieldsWithoutHelp() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Class<?>> view : views().entrySet()) {
            if (!isFormView(view.getKey())) {
                continue;
            }
            for (ViewField field : fieldsThroughIncludes(view.getKey())) {
                if (!hasHelp(view.getValue(), field.name())) {
                    problems.add(field.describe(view.getKey()) + " has no help-" + field.name() + ".html");
                }
            }
        }
        return problems;
    }

    /** Every {@code <st:include>} names a literal class and a page found among that class's views. */
    List<String> brokenIncludes() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path jelly : files(".jelly")) {
            for (Include include : includes(markup(relative(jelly)))) {
                if (include.className() == null) {
                    problems.add(relative(jelly) + ": includes '" + include.page()
                            + "' without a literal class, so its fields go unchecked");
                } else if (loadOrNull(include.className()) == null) {
                    problems.add(relative(jelly) + ": includes '" + include.page() + "' of unknown class "
                            + include.className());
                } else if (resolve(include) == null) {
                    problems.add(relative(jelly) + ": includes '" + include.page() + "', which neither "
                            + include.className() + " nor a superclass has");
                }
            }
        }
        return problems;
    }

    /** No two help files are byte-identical: one text belongs in one place, or each is worded for its own screen. */
    List<String> identicalHelpFiles() throws IOException {
        Map<ByteBuffer, List<String>> byContent = new LinkedHashMap<>();
        for (Path help : files(".html")) {
            if (help.getFileName().toString().startsWith("help")) {
                byContent.computeIfAbsent(ByteBuffer.wrap(Files.readAllBytes(help)), k -> new ArrayList<>())
                        .add(relative(help));
            }
        }
        return byContent.values().stream()
                .filter(copies -> copies.size() > 1)
                .map(copies -> "help files with identical text: " + copies)
                .toList();
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

    /** No freestyle build step descriptor has a {@code @Symbol}: a Pipeline reaches each operation by its step. */
    List<String> buildStepsWithSymbol() {
        return classes.values().stream()
                .filter(c -> extendsType(c, names.buildStepDescriptor()) && annotated(c, names.symbol()))
                .map(c -> c.getName() + ": build step descriptor has @Symbol, a second Pipeline name beside the step's")
                .toList();
    }

    /**
     * Every class uses only the packages (of the checked package) that the table allows its own. The table maps a
     * package to the packages it may use besides itself; keys and entries take in their sub-packages ("" is the
     * checked package alone), the longest key that takes in a class's package governs it, and every package needs one.
     */
    List<String> forbiddenDependencies(Map<String, Set<String>> allowed) {
        List<String> problems = new ArrayList<>();
        Set<String> unlisted = new TreeSet<>();
        Map<String, Set<String>> forbidden = new TreeMap<>();
        for (String internal : classFiles.keySet()) {
            if (governingKey(packageOf(internal), allowed) == null) {
                unlisted.add(packageOf(internal));
            }
        }
        for (Use use : uses()) {
            String key = governingKey(packageOf(use.user()), allowed);
            String used = packageOf(use.type());
            if (key != null && !within(used, key) && allowed.get(key).stream().noneMatch(a -> within(used, a))) {
                forbidden.computeIfAbsent(binaryName(use.user()) + " may not use " + qualified(used),
                        k -> new TreeSet<>()).add(binaryName(use.type()));
            }
        }
        unlisted.forEach(p -> problems.add("package " + qualified(p) + " has no entry in the dependency table"));
        forbidden.forEach((finding, types) -> problems.add(finding + " (uses " + String.join(", ", types) + ")"));
        return problems;
    }

    /**
     * The checked package's packages, each sub-package one of its own, depend on each other without cycles; each
     * cycle is reported once, naming its packages and a class behind each dependency in it.
     */
    List<String> packageCycles() {
        Map<String, Map<String, String>> edges = new TreeMap<>();
        for (Use use : uses()) {
            edges.computeIfAbsent(packageOf(use.user()), k -> new TreeMap<>())
                    .putIfAbsent(packageOf(use.type()), binaryName(use.user()));
        }
        Set<Set<String>> cycles = new LinkedHashSet<>();
        for (String start : edges.keySet()) {
            Set<String> cycle = new TreeSet<>();
            for (String other : reachable(start, edges)) {
                if (reachable(other, edges).contains(start)) {
                    cycle.add(other);
                }
            }
            if (!cycle.isEmpty()) {
                cycles.add(cycle);
            }
        }
        List<String> problems = new ArrayList<>();
        for (Set<String> cycle : cycles) {
            List<String> witnesses = new ArrayList<>();
            for (String from : cycle) {
                edges.get(from).forEach((to, user) -> {
                    if (cycle.contains(to)) {
                        witnesses.add(user + " uses " + qualified(to));
                    }
                });
            }
            problems.add("packages in a cycle: " + cycle.stream().map(this::qualified).toList() + " ("
                    + String.join("; ", witnesses) + ")");
        }
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

    /** A field of a view, and the file that declares it: the view itself or a fragment the view includes. */
    private record ViewField(String name, String file) {

        String describe(String view) {
            return view + ": field '" + name + "'" + (file.equals(view) ? "" : " (from " + file + ")");
        }
    }

    /** An include as written: the page, '.jelly' added when absent, and the literal class, or null for none. */
    private record Include(String page, String className) {}

    /**
     * The views Jenkins renders for the class whose directory holds them, with that class: every view but the
     * fragments that views include, whose fields are checked through the views that include them. A config or
     * global view counts as rendered even if included, since Jenkins renders it for its own class too.
     */
    private Map<String, Class<?>> views() throws IOException {
        Set<String> fragments = new HashSet<>();
        for (Path jelly : files(".jelly")) {
            for (Include include : includes(markup(relative(jelly)))) {
                String fragment = resolve(include);
                if (fragment != null) {
                    fragments.add(fragment);
                }
            }
        }
        Map<String, Class<?>> views = new LinkedHashMap<>();
        for (Path jelly : files(".jelly")) {
            Class<?> owner = viewOwner(jelly);
            if (owner != null && (!fragments.contains(relative(jelly)) || isFormView(relative(jelly)))) {
                views.put(relative(jelly), owner);
            }
        }
        return views;
    }

    private static boolean isFormView(String view) {
        return view.endsWith("/config.jelly") || view.endsWith("/global.jelly");
    }

    /** The fields of a view, then those of the fragments it includes, depth first; each field once. */
    private List<ViewField> fieldsThroughIncludes(String view) throws IOException {
        Map<String, ViewField> fields = new LinkedHashMap<>();
        collectFields(view, fields, new HashSet<>());
        return List.copyOf(fields.values());
    }

    private void collectFields(String file, Map<String, ViewField> fields, Set<String> visited) throws IOException {
        if (!visited.add(file)) {
            return;
        }
        String markup = markup(file);
        Matcher m = FIELD.matcher(markup);
        while (m.find()) {
            fields.putIfAbsent(m.group(1), new ViewField(m.group(1), file));
        }
        for (Include include : includes(markup)) {
            String fragment = resolve(include);
            if (fragment != null) {
                collectFields(fragment, fields, visited);
            }
        }
    }

    private static List<Include> includes(String markup) {
        List<Include> includes = new ArrayList<>();
        Matcher tag = INCLUDE.matcher(markup);
        while (tag.find()) {
            Map<String, String> attributes = new HashMap<>();
            Matcher a = ATTRIBUTE.matcher(tag.group(1));
            while (a.find()) {
                attributes.put(a.group(1), a.group(2) != null ? a.group(2) : a.group(3));
            }
            if (attributes.containsKey("it")) {
                // Another object's page, e.g. the build's side panel: none of this view's fields are in it.
                continue;
            }
            String page = attributes.getOrDefault("page", "");
            String className = attributes.get("class");
            includes.add(new Include(page.endsWith(".jelly") ? page : page + ".jelly",
                    className != null && LITERAL_CLASS.matcher(className).matches() ? className : null));
        }
        return includes;
    }

    /** The resource an include renders: Stapler looks in the class's views, then in its superclasses'. */
    private String resolve(Include include) {
        for (Class<?> c = loadOrNull(include.className()); c != null; c = c.getSuperclass()) {
            String resource = viewDirectory(c) + include.page();
            if (loader.getResource(resource) != null) {
                return resource;
            }
        }
        return null;
    }

    private Class<?> loadOrNull(String className) {
        if (className == null) {
            return null;
        }
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** A view's text without comments, by resource name: from the checked directory, else from the class path. */
    private String markup(String resource) throws IOException {
        Path file = root.resolve(resource);
        if (Files.exists(file)) {
            return COMMENT.matcher(read(file)).replaceAll("");
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no such view: " + resource);
            }
            return COMMENT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8)).replaceAll("");
        }
    }

    /** Where Stapler looks for a class's views and help: a directory named after the class, '$' as '/'. */
    private static String viewDirectory(Class<?> c) {
        return c.getName().replace('.', '/').replace('$', '/') + "/";
    }

    private boolean hasHelp(Class<?> owner, String field) {
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            if (loader.getResource(viewDirectory(c) + "help-" + field + ".html") != null) {
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

    /** A class of the checked package referring to a type of the checked package in another package. */
    private record Use(String user, String type) {}

    private List<Use> uses() {
        List<Use> uses = new ArrayList<>();
        classFiles.forEach((internal, classFile) -> {
            Set<String> types = new TreeSet<>();
            for (String reference : classFile.referencedTypes()) {
                Matcher m = ownType.matcher(reference);
                while (m.find()) {
                    types.add(m.group(1));
                }
            }
            types.stream()
                    .filter(type -> !packageOf(type).equals(packageOf(internal)))
                    .forEach(type -> uses.add(new Use(internal, type)));
        });
        return uses;
    }

    /** The package of a class of the checked package, relative to it: "" for the checked package itself. */
    private String packageOf(String internal) {
        String base = packageName.replace('.', '/');
        String dir = internal.substring(0, internal.lastIndexOf('/'));
        return dir.equals(base) ? "" : dir.substring(base.length() + 1).replace('/', '.');
    }

    private String qualified(String relativePackage) {
        return relativePackage.isEmpty() ? packageName : packageName + "." + relativePackage;
    }

    private static String binaryName(String internal) {
        return internal.replace('/', '.');
    }

    /** Whether a package is the given one or, unless that is "", one of its sub-packages. */
    private static boolean within(String relativePackage, String area) {
        return relativePackage.equals(area) || (!area.isEmpty() && relativePackage.startsWith(area + "."));
    }

    private static String governingKey(String relativePackage, Map<String, Set<String>> allowed) {
        return allowed.keySet().stream()
                .filter(key -> within(relativePackage, key))
                .max(Comparator.comparingInt(String::length))
                .orElse(null);
    }

    private static Set<String> reachable(String start, Map<String, Map<String, String>> edges) {
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(edges.getOrDefault(start, Map.of()).keySet());
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (reached.add(next)) {
                pending.addAll(edges.getOrDefault(next, Map.of()).keySet());
            }
        }
        return reached;
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
