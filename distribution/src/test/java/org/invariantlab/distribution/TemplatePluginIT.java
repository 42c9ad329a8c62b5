package org.invariantlab.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.invariantlab.testkit.PluginJarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds {@code examples/plugin-template} the way its pom does (compile against the installation's API
 * jar with PF4J's annotation processor, manifest from the pom's {@code plugin.*} properties), drops the jar
 * into a plugins folder and uses it through the launcher: the plugin-development guide cannot rot.
 */
class TemplatePluginIT {

    /** The oscillator's exact solution conserves E and L to rounding; 1e-9 leaves ample room. */
    private static final double CONSERVATION_TOL = 1e-9;

    @TempDir
    Path tmp;

    @Test
    void templateBuildsLoadsAndSamples() throws IOException {
        Path template = Installation.examples().resolve("plugin-template");
        String pom = Files.readString(template.resolve("pom.xml"));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        compile(template.resolve("src/main/java"), classes);
        assertTrue(Files.exists(classes.resolve("META-INF/extensions.idx")), "PF4J's processor indexed the extension");

        Path plugins = tmp.resolve("plugins");
        Installation.copyPlugins(plugins);
        Path jar = PluginJarBuilder.plugin(property(pom, "plugin.id"))
                .version(property(pom, "project.version"))
                .requires(property(pom, "plugin.requires"))
                .description(property(pom, "plugin.description"))
                .classesFrom(classes)
                .writeTo(plugins);
        assertTrue(Files.exists(jar));

        Installation.Result list = Installation.run("plugins", "--plugins-dir", plugins.toString());
        assertEquals(0, list.exitCode(), list.all());
        assertTrue(list.out().contains("  oscillator 1.0.0  [STARTED]"), list.out());
        assertTrue(list.out().contains("4 loaded, 0 problems"), list.out());

        Installation.Result systems = Installation.run("systems", "--plugins-dir", plugins.toString());
        assertTrue(systems.out().contains("x*py - y*px"), systems.out());

        Path csv = tmp.resolve("osc.csv");
        Installation.Result sample = Installation.run("sample", "oscillator", "--plugins-dir", plugins.toString(),
                "--groups", "5", "--per-group", "4", "--param", "omega=2", "--out", csv.toString());
        assertEquals(0, sample.exitCode(), sample.all());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("group,member,x,y,px,py,E,L", lines.get(0));
        for (int g = 0; g < 5; g++) {
            double[] first = row(lines.get(1 + 4 * g));
            for (int m = 1; m < 4; m++) {
                double[] f = row(lines.get(1 + 4 * g + m));
                double x = f[2];
                double y = f[3];
                double px = f[4];
                double py = f[5];
                double energy = 0.5 * (px * px + py * py) + 0.5 * 4 * (x * x + y * y);
                assertEquals(first[6], energy, CONSERVATION_TOL * Math.max(1, first[6]), "E on orbit " + g);
                assertEquals(first[7], x * py - y * px, CONSERVATION_TOL * Math.max(1, Math.abs(first[7])), "L on orbit " + g);
            }
        }
    }

    private static double[] row(String line) {
        return Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">").matcher(pom);
        if (name.equals("project.version")) {
            m = Pattern.compile("</artifactId>\\s*<version>([^<]*)</version>").matcher(pom);
        }
        assertTrue(m.find(), "pom declares " + name);
        String v = m.group(1).replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&");
        return v.equals("${project.version}") ? property(pom, "project.version") : v;
    }

    private static void compile(Path sources, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK (not a JRE) runs the tests");
        List<String> files;
        try (Stream<Path> s = Files.walk(sources)) {
            files = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        String classpath;
        try (Stream<Path> lib = Files.list(Installation.home().resolve("lib"))) {
            classpath = lib.map(Path::toString).filter(p -> p.contains("invariantlab-api") || p.contains("pf4j")
                    || p.contains("jakarta.inject") || p.contains("slf4j-api") || p.contains("java-semver"))
                    .collect(Collectors.joining(java.io.File.pathSeparator));
        }
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", out.toString(), "-cp", classpath));
        args.addAll(files);
        // compiler messages go to the test's stderr, which failsafe keeps in its report
        int rc = javac.run(null, null, null, args.toArray(String[]::new));
        assertEquals(0, rc, "template compiles (see the compiler messages above)");
    }
}
