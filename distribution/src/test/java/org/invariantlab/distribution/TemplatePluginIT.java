package org.invariantlab.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the installed {@code examples/plugin-template} with its own POM and a real, offline Maven, exactly
 * as a plugin author would from the unpacked tarball ({@code cd examples/plugin-template && mvn package}),
 * then drops the jar into a plugins folder and uses it through the launcher: the template, the SDK folder
 * and the plugin-development guide cannot rot.
 */
class TemplatePluginIT {

    /** The oscillator's exact solution conserves E and L to rounding; 1e-9 leaves ample room. */
    private static final double CONSERVATION_TOL = 1e-9;

    private static final String API = "org/invariantlab/invariantlab-api/0.2.0/invariantlab-api-0.2.0.jar";

    @TempDir
    Path tmp;

    @Test
    void templateBuildsWithMavenFromTheInstallationLoadsAndSamples() throws IOException, InterruptedException {
        // the two folders the template needs, in the installation's layout
        Path home = tmp.resolve("invariantlab");
        copyTree(Installation.home().resolve("examples/plugin-template"), home.resolve("examples/plugin-template"));
        copyTree(Installation.home().resolve("sdk"), home.resolve("sdk"));
        Path template = home.resolve("examples/plugin-template");
        assertFalse(Files.exists(template.resolve("target")), "the installation ships the template without build output");

        Maven maven = Maven.offline(tmp);
        Maven.Build build = maven.run(template, "package");
        assertEquals(0, build.exitCode(), "mvn package of the template failed:\n" + build.tail(60));
        // the SDK repository ships .sha1/.md5 beside every file, so Maven verifies them and has nothing to warn about
        assertTrue(build.log().lines().noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("checksum")),
                "checksum warnings while reading the SDK:\n" + build.log().lines()
                        .filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("checksum")).limit(5).toList());

        // the template's own contract test ran and passed
        Path report = template.resolve("target/surefire-reports/TEST-org.example.oscillator.OscillatorSystemContractTest.xml");
        assertTrue(Files.exists(report), "surefire ran the contract test:\n" + build.tail(30));
        String xml = Files.readString(report);
        assertTrue(attribute(xml, "tests") >= 10, "the contract's tests ran: " + attribute(xml, "tests"));
        assertEquals(0, attribute(xml, "failures") + attribute(xml, "errors"), "contract test passed");

        // the API came from the installation's sdk folder (the build's local repository started empty and
        // records where each artefact was downloaded from), byte for byte the installation's jar
        List<String> classpath = testClasspath(xml);
        Path api = maven.localRepository().resolve(API);
        assertTrue(classpath.contains(api.toString()), "template compiled against " + api + ": " + classpath);
        assertTrue(Files.readString(api.resolveSibling("_remote.repositories")).contains(".jar>invariantlab-sdk="),
                "invariantlab-api was resolved from the sdk folder");
        assertArrayEquals(Files.readAllBytes(home.resolve("sdk/maven-repository").resolve(API)), Files.readAllBytes(api));
        // and every library the template shares with the host is the host's version
        Set<String> hostLibs;
        try (Stream<Path> lib = Files.list(Installation.home().resolve("lib"))) {
            hostLibs = lib.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        for (String artifact : List.of("pf4j", "slf4j-api", "jakarta.inject-api", "invariantlab-api")) {
            List<String> jars = classpath.stream().map(p -> Path.of(p).getFileName().toString())
                    .filter(n -> n.matches(Pattern.quote(artifact) + "-\\d.*\\.jar")).toList();
            assertEquals(1, jars.size(), artifact + " once on the template's class path: " + jars);
            assertTrue(hostLibs.contains(jars.get(0)), jars.get(0) + " is the host's version; host has " + hostLibs);
        }

        Path jar = template.resolve("target/invariantlab-oscillator-1.0.0.jar");
        try (JarFile j = new JarFile(jar.toFile())) {
            String index = new String(j.getInputStream(j.getEntry("META-INF/extensions.idx")).readAllBytes());
            assertTrue(index.lines().anyMatch("org.example.oscillator.OscillatorSystem"::equals), index);
            assertEquals("oscillator", j.getManifest().getMainAttributes().getValue("Plugin-Id"));
        }

        Path plugins = tmp.resolve("plugins");
        Installation.copyPlugins(plugins);
        Files.copy(jar, plugins.resolve(jar.getFileName()));

        Installation.Result list = Installation.run("plugins", "--plugins-dir", plugins.toString());
        assertEquals(0, list.exitCode(), list.all());
        assertTrue(list.out().contains("  oscillator 1.0.0  [STARTED]"), list.out());
        assertTrue(list.out().contains("PhysicalSystem:      oscillator"), list.out());
        assertTrue(list.out().contains("9 loaded, 0 problems"), list.out());

        Installation.Result systems = Installation.run("systems", "--plugins-dir", plugins.toString());
        assertTrue(systems.out().contains("x*py - y*px"), systems.out());

        Installation.Result extensions = Installation.run("extensions", "PhysicalSystem", "--plugins-dir", plugins.toString());
        assertEquals(0, extensions.exitCode(), extensions.all());
        assertTrue(extensions.out().lines().anyMatch(l -> l.startsWith("  oscillator  (oscillator 1.0.0)")), extensions.out());
        assertTrue(extensions.out().lines().anyMatch(l -> l.contains("omega") && l.contains("(0, 10]")
                && l.contains("angular frequency")), extensions.out());

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

    /** The class path surefire used for the template's tests, from its XML report. */
    private static List<String> testClasspath(String reportXml) {
        Matcher m = Pattern.compile("<property name=\"surefire.test.class.path\" value=\"([^\"]*)\"").matcher(reportXml);
        assertTrue(m.find(), "surefire report records the test class path");
        return Arrays.asList(m.group(1).split(Pattern.quote(File.pathSeparator)));
    }

    private static int attribute(String reportXml, String name) {
        Matcher m = Pattern.compile("<testsuite[^>]* " + name + "=\"(\\d+)\"").matcher(reportXml);
        assertTrue(m.find(), "surefire report has " + name);
        return Integer.parseInt(m.group(1));
    }

    private static double[] row(String line) {
        return Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
