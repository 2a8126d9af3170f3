package io.github.scllm.shim.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;

/**
 * The shim is KNIME's API: every class the shim compiles into an {@code org.knime} package, its supertypes and
 * every public or protected field, constructor and method (name, JVM descriptor, static, abstract) appear in the
 * public API of KNIME 5.5.3 ({@code knime-core-5.5.3-api.txt}, javap output of the real classes, read from the
 * KNIME reference folder beside the test data). A member may be declared by a real supertype instead, since code
 * compiled against the shim links to it there too. Private and package-private nested and anonymous classes are
 * implementation details of their enclosing class and are not API. Where the real class has a KNIME supertype the
 * file does not describe (e.g. {@code CellCollection}), a supertype or member found nowhere in the file cannot be
 * decided from it; such cases are listed, counted and reported, not passed silently.
 */
class ShimConformanceTest {

    /** One class of the API file: its kind, supertypes and members ({@code name + descriptor} → modifiers). */
    record ApiClass(String name, boolean isInterface, boolean isAbstract, String superclass, Set<String> interfaces,
        Map<String, Set<String>> members) {
    }

    @Test
    void everyShimClassAndMemberIsKnimeApi() throws Exception {
        Map<String, ApiClass> api = readApi(apiFile());
        List<String> problems = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        int classes = 0;
        int members = 0;
        for (Class<?> c : shimClasses()) {
            if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic() || c.getSimpleName().equals("package-info")
                || (c.isMemberClass() && !isApi(c.getModifiers()))) {
                continue;
            }
            classes++;
            ApiClass real = api.get(c.getName());
            if (real == null) {
                problems.add(c.getName() + ": no such class in KNIME 5.5.3");
                continue;
            }
            List<String> sink = hasUndescribedSupertype(c.getName(), api) ? undecided : problems;
            checkHeader(c, real, api, problems, sink);
            for (Member m : apiMembers(c)) {
                members++;
                checkMember(c, m, api, problems, sink);
            }
        }
        System.out.printf("shim conformance: %d classes, %d public/protected members checked against KNIME 5.5.3;"
            + " %d not decidable from the API file:%n  %s%n", classes, members, undecided.size(),
            String.join("\n  ", undecided));
        assertTrue(classes > 50, "only " + classes + " shim classes found");
        assertTrue(problems.isEmpty(),
            problems.size() + " differences from KNIME 5.5.3's API:\n  " + String.join("\n  ", problems));
    }

    private static void checkHeader(final Class<?> c, final ApiClass real, final Map<String, ApiClass> api,
        final List<String> problems, final List<String> undecided) {
        if (c.isInterface() != real.isInterface()) {
            problems.add(c.getName() + ": " + (real.isInterface() ? "is an interface" : "is a class") + " in KNIME");
        }
        if (!c.isInterface() && Modifier.isAbstract(c.getModifiers()) != real.isAbstract()) {
            problems.add(c.getName() + ": abstract is " + real.isAbstract() + " in KNIME");
        }
        Class<?> superclass = c.getSuperclass();
        if (superclass != null && !c.isInterface() && !superclass.getName().equals(real.superclass())) {
            // a shim that leaves out a real superclass the file does not describe cannot be checked further
            (superclass == Object.class && !api.containsKey(real.superclass()) ? undecided : problems)
                .add(c.getName() + ": extends " + superclass.getName() + ", in KNIME " + real.superclass());
        }
        for (Class<?> i : c.getInterfaces()) {
            if (!realSupertypes(c.getName(), api).contains(i.getName())) {
                undecided.add(c.getName() + ": implements " + i.getName() + ", in KNIME " + real.interfaces());
            }
        }
    }

    private static void checkMember(final Class<?> c, final Member m, final Map<String, ApiClass> api,
        final List<String> problems, final List<String> maybeUndecided) {
        String key = name(m) + descriptor(m);
        String where = c.getName() + "." + key;
        Set<String> modifiers = api.get(c.getName()).members().get(key);
        boolean inherited = modifiers == null && !key.startsWith("<init>");
        if (inherited) {
            modifiers = findInHierarchy(c.getName(), key, api, new LinkedHashSet<>());
        }
        // an inherited member may come from a supertype the file does not describe
        List<String> sink = inherited ? maybeUndecided : problems;
        if (modifiers == null) {
            sink.add(where + ": no such member in KNIME 5.5.3 (nor in its supertypes there)");
            return;
        }
        boolean isStatic = Modifier.isStatic(m.getModifiers());
        if (isStatic != modifiers.contains("static")) {
            sink.add(where + ": static is " + modifiers.contains("static") + " in KNIME");
        }
        boolean isAbstract = Modifier.isAbstract(m.getModifiers());
        if (isAbstract != modifiers.contains("abstract")) {
            sink.add(where + ": abstract is " + modifiers.contains("abstract") + " in KNIME");
        }
        if (Modifier.isProtected(m.getModifiers()) && modifiers.contains("public")) {
            // harmless for callers, but subclasses compiled against the shim could not override it in KNIME
            sink.add(where + ": public in KNIME, protected in the shim");
        } else if (Modifier.isPublic(m.getModifiers()) && !modifiers.contains("public")) {
            sink.add(where + ": protected in KNIME, public in the shim");
        }
    }

    /** Modifiers of the member in the class or, for constructors excepted, in a real supertype; null if absent. */
    private static Set<String> findInHierarchy(final String className, final String key,
        final Map<String, ApiClass> api, final Set<String> seen) {
        ApiClass real = api.get(className);
        if (real == null || !seen.add(className)) {
            return null;
        }
        Set<String> found = real.members().get(key);
        if (found != null || key.startsWith("<init>")) {
            return found;
        }
        List<String> supertypes = new ArrayList<>(real.interfaces());
        if (real.superclass() != null) {
            supertypes.add(0, real.superclass());
        }
        for (String s : supertypes) {
            found = findInHierarchy(s, key, api, seen);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Every supertype of a real class: from the file, and from the JDK for Java types; unknown KNIME types stop. */
    private static Set<String> realSupertypes(final String className, final Map<String, ApiClass> api) {
        Set<String> result = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(className));
        while (!todo.isEmpty()) {
            String n = todo.remove(todo.size() - 1);
            ApiClass real = api.get(n);
            List<String> direct = new ArrayList<>();
            if (real != null) {
                direct.addAll(real.interfaces());
                if (real.superclass() != null) {
                    direct.add(real.superclass());
                }
            } else if (n.startsWith("java.")) {
                try {
                    Class<?> jdk = Class.forName(n, false, ClassLoader.getSystemClassLoader());
                    Stream.concat(Stream.ofNullable(jdk.getSuperclass()), Stream.of(jdk.getInterfaces()))
                        .forEach(t -> direct.add(t.getName()));
                } catch (ClassNotFoundException e) {
                    // not a loadable JDK type: nothing further to add
                }
            }
            for (String d : direct) {
                if (result.add(d)) {
                    todo.add(d);
                }
            }
        }
        return result;
    }

    /** Whether the real class has a KNIME supertype the API file does not describe. */
    private static boolean hasUndescribedSupertype(final String className, final Map<String, ApiClass> api) {
        return realSupertypes(className, api).stream().anyMatch(t -> t.startsWith("org.knime.") && !api.containsKey(t));
    }

    private static boolean isApi(final int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static List<Member> apiMembers(final Class<?> c) {
        List<Member> result = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (isApi(f.getModifiers()) && !f.isSynthetic()) {
                result.add(f);
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (isApi(k.getModifiers()) && !k.isSynthetic()) {
                result.add(k);
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (isApi(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                result.add(m);
            }
        }
        return result;
    }

    private static String name(final Member m) {
        return m instanceof Constructor ? "<init>" : m.getName();
    }

    static String descriptor(final Member m) {
        if (m instanceof Field f) {
            return descriptor(f.getType());
        }
        Executable e = (Executable)m;
        StringBuilder sb = new StringBuilder("(");
        for (Class<?> p : e.getParameterTypes()) {
            sb.append(descriptor(p));
        }
        sb.append(')');
        sb.append(e instanceof Method method ? descriptor(method.getReturnType()) : "V");
        return sb.toString();
    }

    static String descriptor(final Class<?> t) {
        if (t.isArray()) {
            return "[" + descriptor(t.getComponentType());
        }
        if (t.isPrimitive()) {
            return switch (t.getName()) {
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "char" -> "C";
                case "short" -> "S";
                case "int" -> "I";
                case "long" -> "J";
                case "float" -> "F";
                case "double" -> "D";
                case "void" -> "V";
                default -> throw new IllegalArgumentException(t.getName());
            };
        }
        return "L" + t.getName().replace('.', '/') + ";";
    }

    /** Parses javap's output: a header line per class ending in "{", member lines each followed by a descriptor. */
    static Map<String, ApiClass> readApi(final Path file) throws IOException {
        Map<String, ApiClass> classes = new HashMap<>();
        ApiClass current = null;
        String declaration = null;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (!line.startsWith(" ") && line.endsWith("{")) {
                current = header(withoutTypeArguments(line.substring(0, line.length() - 1)).trim());
                classes.put(current.name(), current);
            } else if (line.equals("}")) {
                current = null;
            } else if (line.startsWith("    descriptor: ")) {
                if (current == null || declaration == null) {
                    throw new IOException("descriptor without a member in " + file + ": " + line);
                }
                String d = line.substring("    descriptor: ".length()).trim();
                String plain = withoutTypeArguments(declaration);
                int paren = plain.indexOf('(');
                String head = (paren >= 0 ? plain.substring(0, paren) : plain.replaceAll(";$", "")).trim();
                List<String> tokens = List.of(head.split("\\s+"));
                String name = tokens.get(tokens.size() - 1);
                if (paren >= 0 && name.equals(current.name())) {
                    name = "<init>";
                }
                current.members().put(name + d, new LinkedHashSet<>(tokens.subList(0, tokens.size() - 1)));
                declaration = null;
            } else if (line.startsWith("  ")) {
                declaration = line.trim();
            }
        }
        return classes;
    }

    private static ApiClass header(final String line) {
        String main = line;
        String extendsPart = "";
        String implementsPart = "";
        int impl = main.indexOf(" implements ");
        if (impl >= 0) {
            implementsPart = main.substring(impl + " implements ".length());
            main = main.substring(0, impl);
        }
        int ext = main.indexOf(" extends ");
        if (ext >= 0) {
            extendsPart = main.substring(ext + " extends ".length());
            main = main.substring(0, ext);
        }
        List<String> tokens = List.of(main.trim().split("\\s+"));
        String name = tokens.get(tokens.size() - 1);
        boolean isInterface = tokens.contains("interface");
        Set<String> interfaces = new LinkedHashSet<>(names(implementsPart));
        String superclass = null;
        if (isInterface) {
            interfaces.addAll(names(extendsPart));
        } else {
            superclass = extendsPart.isBlank() ? "java.lang.Object" : extendsPart.trim();
        }
        return new ApiClass(name, isInterface, tokens.contains("abstract") || isInterface, superclass, interfaces,
            new HashMap<>());
    }

    private static List<String> names(final String list) {
        List<String> names = new ArrayList<>();
        for (String n : list.split(",")) {
            if (!n.isBlank()) {
                names.add(n.trim());
            }
        }
        return names;
    }

    /** Removes generic type arguments, e.g. {@code Iterable<Map<K, V>>} becomes {@code Iterable}. */
    static String withoutTypeArguments(final String s) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (char ch : s.toCharArray()) {
            if (ch == '<') {
                depth++;
            } else if (ch == '>') {
                depth--;
            } else if (depth == 0) {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static Path apiFile() {
        String data = System.getProperty("scllm.testdata", "");
        Assumptions.assumeFalse(data.isBlank(), "scllm.testdata is not set");
        Path file = Path.of(data).toAbsolutePath().normalize().resolveSibling("knime")
            .resolve("knime-core-5.5.3-api.txt");
        assertTrue(Files.isRegularFile(file), "missing KNIME reference file " + file);
        return file;
    }

    /** Every class compiled from the shim's {@code org.knime} sources (the folder or jar DataCell came from). */
    private static List<Class<?>> shimClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(DataCell.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root.resolve("org/knime")), "no compiled shim classes under " + root);
        List<String> names;
        try (Stream<Path> walk = Files.walk(root.resolve("org/knime"))) {
            names = walk.filter(p -> p.toString().endsWith(".class")).map(p -> root.relativize(p).toString())
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                .sorted().toList();
        }
        List<Class<?>> result = new ArrayList<>();
        for (String n : names) {
            result.add(Class.forName(n, false, ShimConformanceTest.class.getClassLoader()));
        }
        return result;
    }
}
