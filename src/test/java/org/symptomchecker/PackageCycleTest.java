package org.symptomchecker;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build fails on a package cycle: the JDK's jdeps reads the compiled classes, and every package
 * may only depend on packages that do not depend back on it, directly or through others.
 */
class PackageCycleTest {

    private static final String ROOT = "org.symptomchecker";
    private static final Pattern EDGE = Pattern.compile("^\\s*(" + Pattern.quote(ROOT) + "[\\w.]*)\\s+->\\s+(" + Pattern.quote(ROOT) + "[\\w.]*)\\s");

    @Test
    void theApplicationsPackagesHaveNoCycle() {
        Path classes = Path.of("target/classes");
        assertThat(Files.isDirectory(classes)).as("compiled classes at " + classes.toAbsolutePath()).isTrue();
        Map<String, Set<String>> graph = packageGraph(classes);
        assertThat(graph).as("jdeps found the application's packages").containsKeys(ROOT + ".chat", ROOT + ".triage", ROOT + ".retrieval");
        assertThat(graph.get(ROOT + ".chat")).as("an edge jdeps must see").contains(ROOT + ".triage");
        assertThat(cycles(graph)).as("package cycles").isEmpty();
    }

    @Test
    void theCycleFinderFindsACycle() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", Set.of("b"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a", "d"));
        graph.put("d", Set.of());
        assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c"));
        graph.put("c", Set.of("d"));
        assertThat(cycles(graph)).isEmpty();
    }

    /** Package -> the application's packages it uses, as jdeps reads them from the compiled classes. */
    static Map<String, Set<String>> packageGraph(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException("jdeps is not in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none", classes.toString());
        assertThat(code).as("jdeps: " + err).isZero();
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher m = EDGE.matcher(line);
            if (m.find()) {
                graph.computeIfAbsent(m.group(1), k -> new TreeSet<>());
                graph.computeIfAbsent(m.group(2), k -> new TreeSet<>());
                if (!m.group(1).equals(m.group(2))) {
                    graph.get(m.group(1)).add(m.group(2));
                }
            }
        }
        return graph;
    }

    /** Each strongly connected group of two or more packages (a cycle), its members sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        List<List<String>> out = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (String start : graph.keySet()) {
            if (done.contains(start)) {
                continue;
            }
            Set<String> forward = reachable(graph, start);
            TreeSet<String> group = new TreeSet<>();
            for (String other : forward) {
                if (reachable(graph, other).contains(start)) {
                    group.add(other);
                }
            }
            group.add(start);
            done.addAll(group);
            if (group.size() > 1) {
                out.add(new ArrayList<>(group));
            }
        }
        return out;
    }

    private static Set<String> reachable(Map<String, Set<String>> graph, String from) {
        Set<String> seen = new TreeSet<>();
        List<String> stack = new ArrayList<>(graph.getOrDefault(from, Set.of()));
        while (!stack.isEmpty()) {
            String next = stack.remove(stack.size() - 1);
            if (seen.add(next)) {
                stack.addAll(graph.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }
}
