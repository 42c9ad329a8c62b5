package org.invariantlab.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InstallationLayoutIT {

    @Test
    void installationHasLauncherLibrariesOnePluginJarEachAndExamples() throws IOException {
        Path home = Installation.home();
        assertTrue(Files.isExecutable(home.resolve("bin/invariantlab")), "bin/invariantlab is executable");
        assertTrue(Files.isRegularFile(home.resolve("bench/pytorch_peer.py")), "the benchmark's PyTorch peer is installed");
        try (Stream<Path> plugins = Files.list(home.resolve("plugins"))) {
            List<String> names = plugins.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("invariantlab-plugin-dynamics-0.2.0.jar", "invariantlab-plugin-em-0.2.0.jar",
                    "invariantlab-plugin-ha-jeong-0.2.0.jar",
                    "invariantlab-plugin-kepler-0.2.0.jar", "invariantlab-plugin-library-nullspace-0.2.0.jar",
                    "invariantlab-plugin-lorentz-0.2.0.jar", "invariantlab-plugin-neural-deflation-0.2.0.jar",
                    "invariantlab-plugin-symbolic-regression-0.2.0.jar"), names);
        }
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            List<String> names = lib.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.contains("invariantlab-cli-0.2.0.jar") && names.contains("invariantlab-api-0.2.0.jar"), names.toString());
            // the physics toolkit and its integrator are the host's: plugins have them in provided scope
            assertTrue(names.contains("invariantlab-physics-0.2.0.jar") && names.contains("hipparchus-ode-3.0.jar"), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.startsWith("invariantlab-plugin-")), "plugins are not on the class path");
            assertTrue(names.stream().noneMatch(n -> n.startsWith("fastutil-6")), "DL4J's old fastutil is excluded");
        }
        assertTrue(Files.isRegularFile(home.resolve("examples/plugin-template/pom.xml")));
        // the SDK a plugin author compiles against, as a Maven repository folder
        Path sdk = home.resolve("sdk/maven-repository/org/invariantlab");
        for (String f : List.of("invariantlab-parent/0.2.0/invariantlab-parent-0.2.0.pom",
                "invariantlab-api/0.2.0/invariantlab-api-0.2.0.pom", "invariantlab-api/0.2.0/invariantlab-api-0.2.0.jar",
                "invariantlab-physics/0.2.0/invariantlab-physics-0.2.0.pom",
                "invariantlab-physics/0.2.0/invariantlab-physics-0.2.0.jar",
                "invariantlab-testkit/0.2.0/invariantlab-testkit-0.2.0.pom",
                "invariantlab-testkit/0.2.0/invariantlab-testkit-0.2.0.jar")) {
            assertTrue(Files.isRegularFile(sdk.resolve(f)), "sdk has " + f);
        }
        assertEquals(Files.size(home.resolve("lib/invariantlab-api-0.2.0.jar")),
                Files.size(sdk.resolve("invariantlab-api/0.2.0/invariantlab-api-0.2.0.jar")), "the SDK's API is the host's");
        assertEquals(Files.size(home.resolve("lib/invariantlab-physics-0.2.0.jar")),
                Files.size(sdk.resolve("invariantlab-physics/0.2.0/invariantlab-physics-0.2.0.jar")),
                "the SDK's physics toolkit is the host's");
        assertTrue(Files.isRegularFile(home.resolve("README.md")));
        Path tarball = home.getParent().resolve("invariantlab-0.2.0.tar.gz");
        assertTrue(Files.size(tarball) > 1_000_000, "tarball " + tarball + " exists");
    }

    @Test
    void versionAndHelp() {
        Installation.Result v = Installation.run("--version");
        assertEquals(0, v.exitCode(), v.all());
        assertTrue(v.out().contains("InvariantLab 0.2.0"), v.out());
        Installation.Result h = Installation.run("--help");
        assertEquals(0, h.exitCode(), h.all());
        for (String cmd : List.of("plugins", "systems", "extensions", "sample")) {
            assertTrue(h.out().contains(cmd), "help lists " + cmd + ": " + h.out());
        }
        Installation.Result sh = Installation.run("sample", "--help");
        assertEquals(0, sh.exitCode(), sh.all());
        assertTrue(sh.out().contains("--per-group"), sh.out());
    }
}
