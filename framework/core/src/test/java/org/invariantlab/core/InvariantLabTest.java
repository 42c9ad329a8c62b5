package org.invariantlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.invariantlab.api.ApiVersion;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.training.GradientLoss;
import org.invariantlab.core.plugin.PluginInfo;
import org.invariantlab.core.plugin.PluginProblem;
import org.invariantlab.core.plugin.fixtures.BadIdSystem;
import org.invariantlab.core.plugin.fixtures.BlankDescriptionLoss;
import org.invariantlab.core.plugin.fixtures.FailingPlugin;
import org.invariantlab.core.plugin.fixtures.Greeter;
import org.invariantlab.core.plugin.fixtures.GreetingSystem;
import org.invariantlab.core.plugin.fixtures.KeplerSystem;
import org.invariantlab.core.plugin.fixtures.LifecycleLog;
import org.invariantlab.core.plugin.fixtures.NeedsUnboundSystem;
import org.invariantlab.core.plugin.fixtures.NoPenaltyLoss;
import org.invariantlab.core.plugin.fixtures.NotAnExtension;
import org.invariantlab.core.plugin.fixtures.RecordingPlugin;
import org.invariantlab.core.plugin.fixtures.ThrowingSystem;
import org.invariantlab.core.registry.ExtensionPointsModule;
import org.invariantlab.core.registry.ExtensionRecord;
import org.invariantlab.core.registry.UnknownExtensionException;
import org.invariantlab.testkit.PluginJarBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginClassLoader;

/**
 * Loads real plugin jars from a temporary directory. Every broken case sits next to the good
 * {@code greetings} plugin, which must load regardless, and must yield exactly the expected line.
 */
class InvariantLabTest {

    private static final String FIXTURES = "org.invariantlab.core.plugin.fixtures.";
    private static final Module GREETER = new AbstractModule() {
        @Override
        protected void configure() {
            bind(Greeter.class).toInstance(name -> "Hello, " + name);
        }
    };

    @TempDir
    Path dir;

    @BeforeEach
    void goodPlugin() {
        PluginJarBuilder.plugin("greetings").version("1.2.0").requires(">=0.2.0")
                .description("Greets through the host")
                .extensions(GreetingSystem.class, NoPenaltyLoss.class)
                .writeTo(dir);
    }

    private InvariantLab start() {
        return InvariantLab.start(dir, GREETER);
    }

    private static void assertGoodPluginLoaded(InvariantLab lab) {
        PhysicalSystem greeting = lab.registry().get(PhysicalSystem.class, "greeting");
        assertEquals("Hello, plugin", greeting.description());
        assertTrue(lab.plugins().stream().anyMatch(p -> p.id().equals("greetings") && p.isStarted()));
    }

    private static List<String> lines(InvariantLab lab) {
        return lab.problems().stream().map(PluginProblem::line).toList();
    }

    @Test
    void pluginExtensionIsInjectedLoadedFromTheJarAndTaggedWithItsPlugin() {
        try (InvariantLab lab = start()) {
            assertEquals(List.of(), lines(lab));
            assertEquals(dir.toAbsolutePath().normalize(), lab.pluginsDirectory());

            ExtensionRecord<PhysicalSystem> r = lab.registry().record(PhysicalSystem.class, "greeting");
            assertEquals("greetings", r.origin());
            assertEquals("1.2.0", r.originVersion());
            assertEquals("Hello, plugin", r.description());
            assertInstanceOf(PluginClassLoader.class, r.extension().getClass().getClassLoader(),
                    "the extension must come from the plugin jar, not the test class path");
            assertNotSame(GreetingSystem.class, r.extension().getClass());
            // the anonymous SystemModel class was packed as well
            assertEquals(List.of("x", "p"), r.extension().configure(Parameters.resolve("greeting", List.of(), Map.of()))
                    .stateSpace().variables());
            // created once: every lookup returns the same instance
            assertSame(r.extension(), lab.registry().get(PhysicalSystem.class, "greeting"));
            assertEquals("greetings", lab.registry().record(GradientLoss.class, "no-penalty").origin());

            PluginInfo info = lab.plugins().get(0);
            assertEquals(new PluginInfo("greetings", "1.2.0", "STARTED", "greetings-1.2.0.jar", "Greets through the host",
                    ">=0.2.0", Map.of("PhysicalSystem", List.of("greeting"), "GradientLoss", List.of("no-penalty")),
                    null), info);
            assertEquals(List.of("PhysicalSystem", "GradientLoss"), List.copyOf(info.extensions().keySet()));
        }
    }

    @Test
    void emptyDirectoryGivesOnlyTheBuiltIns() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        try (InvariantLab lab = InvariantLab.start(empty)) {
            assertEquals(List.of(), lab.plugins());
            assertEquals(List.of(), lab.problems());
            assertEquals(List.of(), lab.registry().ids(PhysicalSystem.class), "systems come only from plugins");
            for (Class<? extends org.invariantlab.api.LabExtension> spi : org.invariantlab.core.registry.ExtensionPoints.all()) {
                assertTrue(lab.registry().all(spi).stream().allMatch(org.invariantlab.core.registry.ExtensionRecord::isBuiltIn),
                        "only built-ins for " + spi.getSimpleName());
            }
        }
    }

    @Test
    void entriesThatAreNotJarFilesAreReportedOneLineEach() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        Files.createDirectory(dir.resolve("unpacked"));
        Files.createDirectory(dir.resolve("folder.jar"));
        try (InvariantLab lab = start()) {
            assertEquals(List.of(
                    "folder.jar/: not a jar file; plugins are single .jar files — remove it from " + dir,
                    "notes.txt: not a jar file; plugins are single .jar files — remove it from " + dir,
                    "unpacked/: not a jar file; plugins are single .jar files — remove it from " + dir), lines(lab));
            assertGoodPluginLoaded(lab);
        }
    }

    @Test
    void junkBytesNamedJar() {
        PluginJarBuilder.junk(dir, "broken.jar", "not a zip at all".getBytes(StandardCharsets.US_ASCII));
        try (InvariantLab lab = start()) {
            assertEquals(List.of("broken.jar: not a valid jar (zip) file: zip END header not found — rebuild it or"
                    + " remove it from " + dir), lines(lab));
            assertNull(lab.problems().get(0).pluginId());
            assertGoodPluginLoaded(lab);
        }
    }

    @Test
    void jarWithoutPluginId() {
        PluginJarBuilder.plainJar("library").classes(KeplerSystem.class).writeTo(dir);
        try (InvariantLab lab = start()) {
            assertEquals(List.of("library.jar: not an InvariantLab plugin: its manifest has no Plugin-Id — remove it from "
                    + dir + ", or rebuild it with Plugin-Id and Plugin-Version manifest entries"), lines(lab));
            assertGoodPluginLoaded(lab);
        }
    }

    @Test
    void pluginNeedingANewerApi() {
        PluginJarBuilder.plugin("newer").version("2.0.0").requires(">=2.0.0").extensions(KeplerSystem.class).writeTo(dir);
        try (InvariantLab lab = start()) {
            String reason = "plugin 'newer' 2.0.0 requires InvariantLab API >=2.0.0 but this is " + ApiVersion.current()
                    + "; use an older plugin release or upgrade InvariantLab";
            assertEquals(List.of("newer-2.0.0.jar: " + reason), lines(lab));
            assertEquals("newer", lab.problems().get(0).pluginId());
            PluginInfo newer = lab.plugins().stream().filter(p -> p.id().equals("newer")).findFirst().orElseThrow();
            assertEquals("DISABLED", newer.state());
            assertEquals(reason, newer.failure());
            assertEquals(Map.of(), newer.extensions());
            assertTrue(lab.registry().find(PhysicalSystem.class, "kepler").isEmpty());
            assertGoodPluginLoaded(lab);
        }
    }

    /**
     * The compatibility policy ({@code ApiVersion}): {@code old-plugins/invariantlab-plugin-lorentz-0.1.0.jar} is the
     * Lorentz plugin as the 0.1.0 build produced it (its manifest says {@code Plugin-Requires: >=0.1.0 & <1.0.0}, a
     * range PF4J alone would accept); it is refused before any of its classes load, in one line naming both versions.
     */
    @Test
    void aPluginBuiltAgainstTheOldApiIsRefusedNamingBothVersions() throws Exception {
        String host = ApiVersion.current();
        assertFalse(ApiVersion.compatible("0.1.0", host), "this test needs a host on another line than 0.1");
        try (var in = InvariantLabTest.class.getResourceAsStream("/old-plugins/invariantlab-plugin-lorentz-0.1.0.jar")) {
            Files.copy(in, dir.resolve("invariantlab-plugin-lorentz-0.1.0.jar"));
        }
        PluginJarBuilder.plugin("unversioned").manifestEntry("Plugin-Requires", null).extensions(KeplerSystem.class)
                .writeTo(dir);
        try (InvariantLab lab = start()) {
            assertEquals(List.of("invariantlab-plugin-lorentz-0.1.0.jar: plugin 'lorentz' was built against InvariantLab"
                            + " API 0.1.0 but this is " + host + ", and API 0.1.x plugins do not run on "
                            + ApiVersion.line(host) + ".x — rebuild it against " + host
                            + " (docs/plugin-development.md, \"Porting a plugin\")",
                    "unversioned-1.0.0.jar: plugin 'unversioned' does not say which InvariantLab API it was built"
                            + " against (Plugin-Requires '*' has no lower bound) — rebuild it against " + host
                            + " with Plugin-Requires: " + ApiVersion.compatibleRange()), lines(lab));
            assertTrue(lab.registry().find(PhysicalSystem.class, "lorentz").isEmpty());
            assertTrue(lab.registry().find(PhysicalSystem.class, "kepler").isEmpty());
            assertGoodPluginLoaded(lab);
        }
    }

    @Test
    void bareVersionInRequiresMeansAtLeast() {
        PluginJarBuilder.plugin("bare").requires("9.0.0").writeTo(dir);
        try (InvariantLab lab = start()) {
            assertEquals(List.of("bare-1.0.0.jar: plugin 'bare' 1.0.0 requires InvariantLab API >=9.0.0 but this is "
                    + ApiVersion.current() + "; use an older plugin release or upgrade InvariantLab"), lines(lab));
        }
    }

    @Test
    void missingPluginDependency() {
        PluginJarBuilder.plugin("needy").dependencies("ghost@>=1.0.0").extensions(KeplerSystem.class).writeTo(dir);
        try (InvariantLab lab = start()) {
            String reason = "plugin 'needy' 1.0.0 depends on plugin 'ghost' >=1.0.0, which is not installed; add it to "
                    + dir + " or remove needy-1.0.0.jar";
            assertEquals(List.of("needy-1.0.0.jar: " + reason), lines(lab));
            PluginInfo needy = lab.plugins().stream().filter(p -> p.id().equals("needy")).findFirst().orElseThrow();
            assertEquals("UNLOADED", needy.state());
            assertEquals(reason, needy.failure());
            assertGoodPluginLoaded(lab);
        }
    }

    @Test
    void dependencyWithTheWrongVersionAndDependentsOfUnloadedPlugins() {
        PluginJarBuilder.plugin("base").version("1.0.0").writeTo(dir);
        PluginJarBuilder.plugin("picky").dependencies("base@>=2.0.0").writeTo(dir);
        PluginJarBuilder.plugin("top").dependencies("picky").writeTo(dir);
        try (InvariantLab lab = start()) {
            assertEquals(List.of(
                    "base-1.0.0.jar: plugin 'base' 1.0.0 was unloaded because plugin 'picky' needs 'base' >=2.0.0;"
                            + " install a matching 'base' or remove picky-1.0.0.jar",
                    "picky-1.0.0.jar: plugin 'picky' 1.0.0 depends on plugin 'base' >=2.0.0 but 'base' 1.0.0 is"
                            + " installed; install a matching 'base' or remove picky-1.0.0.jar",
                    "top-1.0.0.jar: plugin 'top' 1.0.0 depends on plugin 'picky', which could not be loaded (see"
                            + " picky-1.0.0.jar); fix that plugin or remove top-1.0.0.jar"), lines(lab));
            assertGoodPluginLoaded(lab);
        }
    }

    @Test
    void dependencyCycleUnloadsItsMembersOnly() {
        PluginJarBuilder.plugin("ping").dependencies("pong").writeTo(dir);
        PluginJarBuilder.plugin("pong").dependencies("ping").writeTo(dir);
        try (InvariantLab lab = start()) {
            String fix = "; it is not loaded — remove the cycle from the plugins' Plugin-Dependencies";
            assertEquals(List.of(
                    "ping-1.0.0.jar: plugin 'ping' 1.0.0 is part of a dependency cycle (ping -> pong -> ping)" + fix,
                    "pong-1.0.0.jar: plugin 'pong' 1.0.0 is part of a dependency cycle (ping -> pong -> ping)" + fix),
                    lines(lab));
            assertGoodPluginLoaded(lab);
        }
    }

    @Test
    void pluginThatFailsToStart() {
        PluginJarBuilder.plugin("failing").pluginClass(FailingPlugin.class).extensions(KeplerSystem.class).writeTo(dir);
        PluginJarBuilder.plugin("classless").pluginClassName("com.example.Missing").writeTo(dir);
        try (InvariantLab lab = start()) {
            assertEquals(List.of(
                    "classless-1.0.0.jar: plugin 'classless' 1.0.0 failed to start: its Plugin-Class"
                            + " 'com.example.Missing' is not in the jar — fix or remove classless-1.0.0.jar",
                    "failing-1.0.0.jar: plugin 'failing' 1.0.0 failed to start: IllegalStateException: database"
                            + " unreachable — fix or remove failing-1.0.0.jar"), lines(lab));
            PluginInfo failing = lab.plugins().stream().filter(p -> p.id().equals("failing")).findFirst().orElseThrow();
            assertEquals("FAILED", failing.state());
            assertTrue(lab.registry().find(PhysicalSystem.class, "kepler").isEmpty());
            assertGoodPluginLoaded(lab);
        }
    }

    @Test
    void extensionsThatCannotBeCreated() {
        PluginJarBuilder.plugin("throwing").extensions(ThrowingSystem.class, NeedsUnboundSystem.class, KeplerSystem.class)
                .writeTo(dir);
        try (InvariantLab lab = start()) {
            List<String> lines = lines(lab);
            assertEquals(2, lines.size(), lines::toString);
            assertEquals("throwing-1.0.0.jar: extension class '" + FIXTURES + "NeedsUnboundSystem' from plugin 'throwing'"
                    + " could not be created: No implementation for " + FIXTURES + "NeedsUnboundSystem$Unbound was bound.",
                    lines.get(0));
            assertEquals("throwing-1.0.0.jar: extension class '" + FIXTURES + "ThrowingSystem' from plugin 'throwing'"
                    + " could not be created: its constructor threw IllegalStateException: no licence for the orbit data",
                    lines.get(1));
            // the plugin's healthy extension is still there
            assertEquals("throwing", lab.registry().record(PhysicalSystem.class, "kepler").origin());
            assertGoodPluginLoaded(lab);
        }
    }

    @Test
    void duplicateExtensionIdKeepsTheOneFromTheFirstPluginById() {
        // file names sort the other way round, so the outcome follows the plugin ids
        PluginJarBuilder.plugin("a").extensions(KeplerSystem.class).fileName("z-first.jar").writeTo(dir);
        PluginJarBuilder.plugin("b").extensions(KeplerSystem.class).fileName("a-second.jar").writeTo(dir);
        try (InvariantLab lab = start()) {
            assertEquals(List.of("a-second.jar: extension id 'kepler' (PhysicalSystem) from plugin 'b' already provided"
                    + " by plugin 'a'; ignoring the one from 'b'"), lines(lab));
            assertEquals("b", lab.problems().get(0).pluginId());
            assertEquals("a", lab.registry().record(PhysicalSystem.class, "kepler").origin());
            assertEquals(Map.of(), lab.plugins().stream().filter(p -> p.id().equals("b")).findFirst().orElseThrow()
                    .extensions());
            assertGoodPluginLoaded(lab);
        }
    }

    @Test
    void builtInsComeFirstAndWinIdConflicts() {
        Module builtIn = new AbstractModule() {
            @Override
            protected void configure() {
                ExtensionPointsModule.addBuiltIn(binder(), GradientLoss.class).to(NoPenaltyLoss.class);
            }
        };
        try (InvariantLab lab = InvariantLab.start(dir, GREETER, builtIn)) {
            assertEquals(List.of("greetings-1.2.0.jar: extension id 'no-penalty' (GradientLoss) from plugin"
                    + " 'greetings' already provided by the built-in extensions; ignoring the one from 'greetings'"),
                    lines(lab));
            ExtensionRecord<GradientLoss> r = lab.registry().record(GradientLoss.class, "no-penalty");
            assertTrue(r.isBuiltIn());
            assertEquals(ApiVersion.current(), r.originVersion());
            assertSame(NoPenaltyLoss.class, r.extension().getClass());
            assertGoodPluginLoaded(lab);
        }
    }

    @Test
    void extensionsWithAnInvalidIdOrBlankDescription() {
        PluginJarBuilder.plugin("sloppy").extensions(BadIdSystem.class, BlankDescriptionLoss.class).writeTo(dir);
        try (InvariantLab lab = start()) {
            assertEquals(List.of(
                    "sloppy-1.0.0.jar: extension class '" + FIXTURES + "BadIdSystem' (PhysicalSystem) from plugin"
                            + " 'sloppy' has id 'Bad Id', which is not a valid id (lower-case words joined by '-' or"
                            + " '.', e.g. kepler-fixed-l); it is ignored",
                    "sloppy-1.0.0.jar: extension 'blank' (GradientLoss) from plugin 'sloppy' has a blank"
                            + " description; it is ignored"), lines(lab));
            assertGoodPluginLoaded(lab);
        }
    }

    @Test
    void samePluginIdInTwoJars() {
        PluginJarBuilder.plugin("greetings").version("1.3.0").extensions(KeplerSystem.class)
                .fileName("greetings-copy.jar").writeTo(dir);
        try (InvariantLab lab = start()) {
            assertEquals(List.of("greetings-copy.jar: plugin id 'greetings' is already used by greetings-1.2.0.jar;"
                    + " ignoring this jar — remove one of the two from " + dir), lines(lab));
            assertEquals(1, lab.plugins().size());
            assertEquals("1.2.0", lab.plugins().get(0).version());
            assertNull(lab.plugins().get(0).failure());
            assertGoodPluginLoaded(lab);
        }
    }

    @Test
    void invalidManifestValues() {
        PluginJarBuilder.plugin("noversion").manifestEntry("Plugin-Version", null).fileName("noversion.jar").writeTo(dir);
        PluginJarBuilder.plugin("oddversion").version("one").writeTo(dir);
        PluginJarBuilder.plugin("oddrange").requires("soon").writeTo(dir);
        PluginJarBuilder.plugin("built-in").writeTo(dir);
        try (InvariantLab lab = start()) {
            assertEquals(List.of(
                    "built-in-1.0.0.jar: plugin id 'built-in' is reserved for InvariantLab's own extensions — rebuild"
                            + " the plugin with another Plugin-Id",
                    "noversion.jar: plugin 'noversion' has no Plugin-Version in its manifest — rebuild it with a"
                            + " semantic version such as 1.0.0",
                    "oddrange-1.0.0.jar: plugin 'oddrange' has an invalid Plugin-Requires 'soon' (expected a version"
                            + " range such as >=0.2.0 & <0.3.0) — rebuild it",
                    "oddversion-one.jar: plugin 'oddversion' has an invalid Plugin-Version 'one' (expected a semantic"
                            + " version such as 1.0.0) — rebuild it"), lines(lab));
            assertGoodPluginLoaded(lab);
        }
    }

    @Test
    void indexEntriesThatAreNotUsableExtensions() {
        PluginJarBuilder.plugin("odd").extensions(NotAnExtension.class).extensionNames("com.example.Gone").writeTo(dir);
        // a jar that packs its own copy of the API interface: its extension implements a foreign PhysicalSystem
        PluginJarBuilder.plugin("fat").extensions(KeplerSystem.class).classes(PhysicalSystem.class).writeTo(dir);
        try (InvariantLab lab = start()) {
            assertEquals(List.of(
                    "fat-1.0.0.jar: extension class '" + FIXTURES + "KeplerSystem' from plugin 'fat' implements"
                            + " org.invariantlab.api.system.PhysicalSystem from a copy of the InvariantLab API inside the"
                            + " jar — rebuild fat-1.0.0.jar with invariantlab-api in provided scope",
                    "odd-1.0.0.jar: extension class 'com.example.Gone' from plugin 'odd' is listed in"
                            + " META-INF/extensions.idx but is not in the jar — rebuild odd-1.0.0.jar",
                    "odd-1.0.0.jar: extension class '" + FIXTURES + "NotAnExtension' from plugin 'odd' implements none"
                            + " of the extension points (PhysicalSystem, ExampleSampler, NetworkHead, GradientLoss,"
                            + " SymbolicInterpreter, CountingMethod); it is ignored"), lines(lab));
            assertGoodPluginLoaded(lab);
        }
    }

    @Test
    void allBrokenCasesTogetherLeaveTheGoodPluginWorking() throws Exception {
        Files.writeString(dir.resolve("readme.md"), "#");
        PluginJarBuilder.junk(dir, "broken.jar", new byte[] {1, 2, 3});
        PluginJarBuilder.plainJar("library").writeTo(dir);
        PluginJarBuilder.plugin("newer").requires(">=2.0.0").writeTo(dir);
        PluginJarBuilder.plugin("needy").dependencies("ghost").writeTo(dir);
        PluginJarBuilder.plugin("failing").pluginClass(FailingPlugin.class).writeTo(dir);
        PluginJarBuilder.plugin("throwing").extensions(ThrowingSystem.class).writeTo(dir);
        PluginJarBuilder.plugin("a").extensions(KeplerSystem.class).writeTo(dir);
        PluginJarBuilder.plugin("b").extensions(KeplerSystem.class).writeTo(dir);
        PluginJarBuilder.plugin("sloppy").extensions(BadIdSystem.class).writeTo(dir);
        PluginJarBuilder.plugin("greetings").fileName("greetings-copy.jar").writeTo(dir);
        try (InvariantLab lab = start()) {
            List<String> sources = lab.problems().stream().map(PluginProblem::source).sorted().toList();
            assertEquals(List.of("b-1.0.0.jar", "broken.jar", "failing-1.0.0.jar", "greetings-copy.jar", "library.jar",
                    "needy-1.0.0.jar", "newer-1.0.0.jar", "readme.md", "sloppy-1.0.0.jar", "throwing-1.0.0.jar"), sources);
            assertGoodPluginLoaded(lab);
            assertEquals("a", lab.registry().record(PhysicalSystem.class, "kepler").origin());
            assertEquals(List.of("a", "b", "failing", "greetings", "needy", "newer", "sloppy", "throwing"),
                    lab.plugins().stream().map(PluginInfo::id).toList());
        }
    }

    @Test
    void missingOrInvalidDirectoryIsFatal() throws Exception {
        Path missing = dir.resolve("nowhere");
        InvariantLabException e = assertThrows(InvariantLabException.class, () -> InvariantLab.start(missing));
        assertEquals("plugins directory " + missing + " does not exist; create it and put plugin jars into it; or choose"
                + " another directory with --plugins-dir or $INVARIANTLAB_PLUGINS_DIR", e.getMessage());

        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        e = assertThrows(InvariantLabException.class, () -> InvariantLab.start(file));
        assertTrue(e.getMessage().startsWith("plugins directory " + file + " is a file, not a directory"), e.getMessage());
    }

    @Test
    void unknownIdSuggestsTheClosest() {
        try (InvariantLab lab = start()) {
            UnknownExtensionException e = assertThrows(UnknownExtensionException.class,
                    () -> lab.registry().get(PhysicalSystem.class, "greting"));
            assertEquals("unknown physical system 'greting'; did you mean 'greeting'? Available: greeting", e.getMessage());
            e = assertThrows(UnknownExtensionException.class, () -> lab.registry().get(GradientLoss.class, "xyz"));
            assertEquals("unknown gradient loss 'xyz'; available: gradient-orthogonality, no-penalty", e.getMessage());
        }
    }

    @Test
    void aStartedPluginWithoutExtensionsIsAProblemThatSaysHowToFixIt() throws Exception {
        // @Extension forgotten or annotation processing off: the classes are there, the index is not
        PluginJarBuilder.plugin("forgetful").classes(KeplerSystem.class).writeTo(dir);
        // an index that lists nothing
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(dir.resolve("hollow.jar")), manifest("hollow"))) {
            out.putNextEntry(new JarEntry(PluginJarBuilder.EXTENSIONS_INDEX));
            out.write((PluginJarBuilder.EXTENSIONS_INDEX_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        // a library plugin other plugins depend on needs no extensions of its own
        PluginJarBuilder.plugin("shared").writeTo(dir);
        PluginJarBuilder.plugin("user").dependencies("shared").extensions(KeplerSystem.class).writeTo(dir);
        try (InvariantLab lab = start()) {
            assertEquals(List.of(
                    "forgetful-1.0.0.jar: plugin 'forgetful' 1.0.0 contributes no extensions: forgetful-1.0.0.jar has no"
                            + " META-INF/extensions.idx — annotate each extension class with PF4J's @Extension and"
                            + " rebuild with PF4J's annotation processor running (pf4j on the compile class path,"
                            + " annotation processing not disabled; see docs/plugin-development.md)",
                    "hollow.jar: plugin 'hollow' 1.0.0 contributes no extensions: its META-INF/extensions.idx lists no"
                            + " class — annotate each extension class with PF4J's @Extension and rebuild hollow.jar"),
                    lines(lab));
            assertEquals(List.of("forgetful", "hollow"), lab.problems().stream().map(PluginProblem::pluginId).toList());
            assertTrue(lab.plugins().stream().filter(p -> !p.id().equals("greetings")).allMatch(PluginInfo::isStarted));
            assertEquals("user", lab.registry().record(PhysicalSystem.class, "kepler").origin());
            assertGoodPluginLoaded(lab);
        }
    }

    private static Manifest manifest(String pluginId) {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Plugin-Id", pluginId);
        m.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        m.getMainAttributes().putValue("Plugin-Requires", ApiVersion.compatibleRange());
        return m;
    }

    @Test
    void closeStopsPluginsInReverseOrderAndUnloadsThem() {
        LifecycleLog.clear();
        PluginJarBuilder.plugin("alpha").pluginClass(RecordingPlugin.class).writeTo(dir);
        PluginJarBuilder.plugin("beta").pluginClass(RecordingPlugin.class).writeTo(dir);
        InvariantLab lab = start();
        assertEquals(List.of("start alpha", "start beta"), LifecycleLog.events());
        lab.close();
        assertEquals(List.of("start alpha", "start beta", "stop beta", "stop alpha"), LifecycleLog.events());
        lab.close();
        assertEquals(4, LifecycleLog.events().size(), "a second close does nothing");
    }
}
