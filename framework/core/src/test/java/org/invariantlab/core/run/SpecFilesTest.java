package org.invariantlab.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecFilesTest {

    @Test
    void aMinimalSpecTakesEveryDefault() {
        RunSpec s = SpecFiles.parse("system: lorentz\n", "spec.yaml");
        assertEquals("lorentz", s.system());
        assertEquals("permutation", s.sampler());
        assertEquals("distance-logistic", s.head());
        assertEquals("polynomial", s.interpreter());
        assertEquals(RunSpec.Data.defaults(), s.data());
        assertEquals(List.of(64, 64, 64), s.training().hidden());
        assertEquals("swish", s.training().activation());
    }

    @Test
    void aSpecRoundTripsThroughYaml() {
        RunSpec s = new RunSpec("kepler", Map.of("orientation", "random"), "permutation", Map.of(), "contrastive",
                Map.of("margin", "2.0"), "polynomial", Map.of("degree", "3"), new RunSpec.Data(100, 20, 30, 3),
                new RunSpec.Training(List.of(32, 32), "tanh", 2, 7, 64, 0.01, "step", 3), 42);
        assertEquals(s, SpecFiles.parse(SpecFiles.toYaml(s), "round trip"));
    }

    @Test
    void mistakesAreNamedWithLineAndKey() {
        InvariantLabException unknown = assertThrows(InvariantLabException.class,
                () -> SpecFiles.parse("system: lorentz\ntraining:\n  epochz: 3\n", "spec.yaml"));
        assertTrue(unknown.getMessage().contains("spec.yaml line 3") && unknown.getMessage().contains("'epochz'")
                && unknown.getMessage().contains("epochs"), unknown.getMessage());

        InvariantLabException type = assertThrows(InvariantLabException.class,
                () -> SpecFiles.parse("system: lorentz\ntraining:\n  epochs: many\n", "spec.yaml"));
        assertTrue(type.getMessage().contains("many") && type.getMessage().contains("training.epochs"), type.getMessage());

        InvariantLabException invalid = assertThrows(InvariantLabException.class,
                () -> SpecFiles.parse("system: lorentz\ndata: {trainGroups: 10, validationGroups: 5, testGroups: 5, perGroup: 1}\n", "spec.yaml"));
        assertTrue(invalid.getMessage().contains("perGroup"), invalid.getMessage());

        InvariantLabException noSystem = assertThrows(InvariantLabException.class, () -> SpecFiles.parse("seed: 3\n", "spec.yaml"));
        assertTrue(noSystem.getMessage().contains("system"), noSystem.getMessage());

        assertThrows(InvariantLabException.class, () -> SpecFiles.parse("system: [unclosed\n", "spec.yaml"));
        assertThrows(InvariantLabException.class, () -> SpecFiles.parse("  \n", "spec.yaml"));
    }

    /** Each class of bad spec: text, then a fragment the one-line message must hold. */
    static Stream<Arguments> badSpecs() {
        String csv = "group,member,x,y,vx,vy,L,E\n" + "0,0,1.0,0.0,0.0,1.0,1.0,-0.5\n".repeat(20_000);
        return Stream.of(
                Arguments.of("null document", "---\n", "holds no settings"),
                Arguments.of("only comments", "# nothing here\n# at all\n", "holds no settings"),
                Arguments.of("list at the top", "- system: kepler\n- seed: 2\n", "holds a list at the top level"),
                Arguments.of("single value", "kepler\n", "holds a single value ('kepler')"),
                Arguments.of("wrong type", "system: lorentz\ntraining:\n  epochs: many\n",
                        "spec.yaml line 3: training.epochs must be a whole number, got 'many'"),
                Arguments.of("float for integer", "system: lorentz\ntraining:\n  epochs: 1.7\n",
                        "spec.yaml line 3: training.epochs must be a whole number, got '1.7'"),
                Arguments.of("float seed", "system: lorentz\nseed: 2.5\n", "line 2: seed must be a whole number, got '2.5'"),
                Arguments.of("list for a word", "system: [a, b]\n", "line 1: system must be a single word or value"),
                Arguments.of("scalar for a section", "system: lorentz\ntraining: 5\n",
                        "line 2: training must be a set of keys indented under 'training:'"),
                Arguments.of("scalar for a list", "system: lorentz\ntraining:\n  hidden: wide\n",
                        "line 3: training.hidden must be a list such as [64, 64], got 'wide'"),
                Arguments.of("fraction in a list", "system: lorentz\ntraining:\n  hidden: [64, 6.5]\n",
                        "training.hidden[1] must be a whole number, got '6.5'"),
                Arguments.of("duplicate key", "system: lorentz\nseed: 1\nseed: 2\n", "line 3: key 'seed' appears a second time"),
                Arguments.of("nested duplicate", "system: lorentz\ntraining:\n  epochs: 3\n  epochs: 4\n",
                        "line 4: key 'epochs' appears a second time"),
                Arguments.of("unknown key", "system: lorentz\ntraining:\n  epochz: 3\n", "line 3: unknown key 'epochz' in 'training'"),
                Arguments.of("several documents", "system: lorentz\n---\nsystem: kepler\n",
                        "line 2: a second YAML document starts here"),
                Arguments.of("out of range", "system: lorentz\ndata:\n  perGroup: 1\n", "line 2: data.perGroup must be at least 2"),
                Arguments.of("broken YAML", "system: [unclosed\n", "not valid YAML"),
                Arguments.of("unknown test protocol", "system: lorentz\ndata:\n  testFrom: same-groups\n",
                        "data.testFrom must be fresh-groups or training-groups, got 'same-groups'"),
                Arguments.of("csv data file", csv, "looks like a CSV data file (first line 'group,member,x,y,vx,vy,L,E')"),
                Arguments.of("long unknown key", "system: lorentz\n" + "k".repeat(500) + ": 1\n", "unknown key 'kkkk"),
                Arguments.of("huge line", "system: lorentz\n" + "k".repeat(50_000) + ": 1\n", "not valid YAML (while scanning a simple key"));
    }

    @Test
    void aSpecMayOpenWithCommentsFullOfCommas() {
        RunSpec spec = SpecFiles.parse("# Ha & Jeong, Phys. Rev. Research 3, L042035 (2021), their settings\n"
                + "system: lorentz\ndata:\n  testFrom: training-groups\n", "authors.yaml");
        assertEquals("lorentz", spec.system());
        assertEquals(RunSpec.TestFrom.TRAINING_GROUPS, spec.data().testFrom());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void everyBadSpecGetsOneShortPlainLine(String what, String text, String fragment) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SpecFiles.parse(text, "spec.yaml"));
        assertPlain(e.getMessage(), fragment);
    }

    @Test
    void binaryAndNonUtf8FilesAreRefusedByName(@TempDir Path tmp) throws IOException {
        Path binary = Files.write(tmp.resolve("model.zip"), new byte[] {'P', 'K', 3, 4, 0, 0, 20, 0});
        assertPlain(assertThrows(InvalidInputException.class, () -> SpecFiles.read(binary)).getMessage(),
                binary + " is a binary file, not a YAML run spec");
        Path latin1 = Files.write(tmp.resolve("latin1.yaml"), "system: lorentz # \u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertPlain(assertThrows(InvalidInputException.class, () -> SpecFiles.read(latin1)).getMessage(),
                latin1 + " is not UTF-8 text");
        assertPlain(assertThrows(InvalidInputException.class, () -> SpecFiles.read(tmp.resolve("none.yaml"))).getMessage(),
                "spec file " + tmp.resolve("none.yaml") + " does not exist");
        assertPlain(assertThrows(InvalidInputException.class, () -> SpecFiles.read(tmp)).getMessage(),
                "cannot read spec file " + tmp + ": is a directory");
        Path bom = Files.write(tmp.resolve("bom.yaml"), "\uFEFFsystem: lorentz\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("lorentz", SpecFiles.read(bom).system());
    }

    private static void assertPlain(String message, String fragment) {
        assertTrue(message.contains(fragment), "expected '" + fragment + "' in: " + message);
        assertTrue(message.length() < 300, "short: " + message.length() + " chars: " + message);
        assertFalse(message.contains("\n"), "one line: " + message);
        for (String name : List.of("Exception", "java.", "com.fasterxml", "jackson", "`")) {
            assertFalse(message.contains(name), "no class names (" + name + "): " + message);
        }
    }

    /**
     * Issue 17, item 13: a relative data path in a spec file is taken from the spec file's folder (as in a grid), so a
     * result's spec.yaml, which stores the absolute path, reruns from anywhere.
     */
    @Test
    void aRelativeDataPathIsTakenFromTheSpecFilesFolder(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path dir = java.nio.file.Files.createDirectories(tmp.resolve("project/specs"));
        Path spec = java.nio.file.Files.writeString(dir.resolve("mine.yaml"), "file:\n  path: ../data/orbits.csv\n");
        RunSpec read = SpecFiles.read(spec);
        assertEquals(tmp.resolve("project/data/orbits.csv").toAbsolutePath().normalize().toString(), read.file().path());
        RunSpec again = SpecFiles.parse(SpecFiles.toYaml(read), "spec.yaml");
        assertEquals(read.file().path(), again.file().path(), "written back absolute");
    }
}
