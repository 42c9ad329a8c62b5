package org.invariantlab.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.invariantlab.testkit.PluginJarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsCommandIT {

    @TempDir
    Path tmp;

    @Test
    void listsTheBundledPluginsWithTheirExtensions() {
        Installation.Result r = Installation.run("plugins");
        assertEquals(0, r.exitCode(), r.all());
        for (String id : new String[] {"kepler", "lorentz", "em", "ha-jeong", "dynamics", "neural-deflation", "library-nullspace", "symbolic-regression"}) {
            assertTrue(r.out().contains("  " + id + " 0.2.0  [STARTED]"), "plugin " + id + " listed:\n" + r.out());
        }
        assertTrue(r.out().contains("kepler, kepler-fixed-l"), r.out());
        assertTrue(r.out().contains("lotka-volterra, oscillator-2d"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("GradientLoss") && l.contains("neural-deflation")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("CountingMethod") && l.contains("library-nullspace")), r.out());
        assertTrue(r.out().contains("8 loaded, 0 problems"), r.out());
        assertEquals("", r.err(), "nothing on stderr");
    }

    @Test
    void aBrokenJarAndAStrayFileAreNamedWhileTheOthersStillLoad() throws IOException {
        Path dir = tmp.resolve("plugins");
        Installation.copyPlugins(dir);
        Files.writeString(dir.resolve("broken.jar"), "this is not a zip file");
        Files.writeString(dir.resolve("notes.txt"), "stray file");
        Installation.Result r = Installation.run("plugins", "--plugins-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("8 loaded, 2 problems"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("broken.jar") && l.contains("not a valid jar")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("notes.txt") && l.contains("not a jar")), r.out());
        for (String id : new String[] {"kepler", "lorentz", "em", "ha-jeong", "dynamics", "neural-deflation", "library-nullspace", "symbolic-regression"}) {
            assertTrue(r.out().contains("  " + id + " 0.2.0  [STARTED]"), r.out());
        }
        assertFalse(r.all().contains("Exception"), "no stack traces:\n" + r.all());
    }

    @Test
    void aPluginJarWithoutExtensionsIsAProblemWithTheFix() throws IOException {
        Path dir = tmp.resolve("plugins");
        Installation.copyPlugins(dir);
        PluginJarBuilder.plugin("forgetful").writeTo(dir); // what a build without @Extension produces
        Installation.Result r = Installation.run("plugins", "--plugins-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("9 loaded, 1 problem\n"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  forgetful-1.0.0.jar: plugin 'forgetful' 1.0.0 contributes"
                + " no extensions: forgetful-1.0.0.jar has no META-INF/extensions.idx — annotate each extension class"
                + " with PF4J's @Extension")), r.out());
    }

    @Test
    void pluginDirectoryComesFromTheEnvironmentUnlessTheOptionSaysOtherwise() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Installation.Result env = Installation.run(Map.of("INVARIANTLAB_PLUGINS_DIR", empty.toString()), "plugins");
        assertEquals(0, env.exitCode(), env.all());
        assertTrue(env.out().contains("0 loaded"), env.out());
        Path full = tmp.resolve("full");
        Installation.copyPlugins(full);
        Installation.Result opt = Installation.run(Map.of("INVARIANTLAB_PLUGINS_DIR", empty.toString()),
                "plugins", "--plugins-dir", full.toString());
        assertTrue(opt.out().contains("8 loaded"), opt.out());
    }

    @Test
    void aMissingPluginDirectoryIsAUsageErrorWithoutStackTrace() {
        Installation.Result r = Installation.run("plugins", "--plugins-dir", tmp.resolve("nope").toString());
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("nope"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void listingCommandsLoadNeitherTheNativeBackendNorTheComputerAlgebraSystem() {
        // class-loading log of the JVM: the listing path must not touch ND4J or Symja (slow to start)
        for (String cmd : new String[] {"plugins", "systems"}) {
            Installation.Result r = Installation.run(Map.of("JAVA_OPTS", "-Xlog:class+load=info"), cmd);
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("org.invariantlab.cli.Main"), "class-loading log is on");
            assertFalse(r.out().contains("org.nd4j."), cmd + " loaded ND4J");
            assertFalse(r.out().contains("org.deeplearning4j."), cmd + " loaded DL4J");
            assertFalse(r.out().contains("org.matheclipse."), cmd + " loaded Symja");
        }
    }
}
