package org.invariantlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code invariantlab extensions}, in-process, on the built-in extensions (an empty plugins folder). */
class ExtensionsCommandTest {

    @TempDir
    Path tmp;


    private CliRun run(String... args) throws IOException {
        return CliRun.withPlugins(Files.createDirectories(tmp.resolve("plugins")), args);
    }

    @Test
    void everyExtensionPointIsListedWithItsExtensionsAndTheirParameters() throws IOException {
        CliRun r = run("extensions");
        assertEquals(0, r.code(), r.err());
        List<String> headers = r.out().lines().filter(l -> !l.startsWith(" ") && !l.isEmpty()).toList();
        assertEquals(6, headers.size(), r.out());
        assertTrue(headers.get(0).equals("PhysicalSystem (physical system): 0"), headers.toString());
        assertTrue(headers.get(4).startsWith("SymbolicInterpreter (symbolic interpreter): "), headers.toString());
        assertTrue(headers.get(5).equals("CountingMethod (counting method): 0"), headers.toString());
        assertTrue(r.out().contains("PhysicalSystem (physical system): 0\n  none installed\n"), r.out());
        // the reader's parameters, which no listing showed before
        assertTrue(r.out().contains("  polynomial  (built-in 0.2.0)\n"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches(
                " {6}degree +integer +default 0 +\\[0, 6] +highest total degree of the monomials in the library.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches(
                " {6}threshold +real +default 0\\.05 +\\[0, 1] +.+")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches(" {6}method +choice +default stlsq +stlsq\\|ridge +.+")), r.out());
        assertEquals("", r.err());
    }

    @Test
    void onePointByNameInAnyCase() throws IOException {
        CliRun r = run("extensions", "symbolic-interpreter");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("SymbolicInterpreter (symbolic interpreter): "), r.out());
        assertFalse(r.out().contains("PhysicalSystem"), r.out());
        assertTrue(r.out().contains("    parameters:\n      degree"), r.out());
    }

    @Test
    void anUnknownPointIsAUsageErrorNamingTheChoices() throws IOException {
        CliRun r = run("extensions", "readers");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("unknown extension point 'readers'; choose one of PhysicalSystem, ExampleSampler,"
                + " NetworkHead, GradientLoss, SymbolicInterpreter, CountingMethod"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aPointNameFromBefore020IsNamedWithItsNewName() throws IOException {
        CliRun r = run("extensions", "PairSampler");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("unknown extension point 'PairSampler' (renamed ExampleSampler in 0.2.0)"), r.err());
        assertEquals(ExitCodes.OK, run("extensions", "example-sampler").code());
    }
}
