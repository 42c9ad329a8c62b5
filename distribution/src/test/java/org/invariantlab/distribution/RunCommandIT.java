package org.invariantlab.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} and {@code reproduce} through the installed launcher, with the real Lorentz plugin. */
class RunCommandIT {

    /**
     * 16,000 training pairs and 6 epochs take a few seconds and reach alignment ≈ 0.99 with s² on this machine;
     * 0.95 is the bound for a test-sized run.
     */
    private static final double MIN_ALIGNMENT = 0.95;

    @TempDir
    Path tmp;

    @Test
    void aSmallLorentzRunRecoversTheIntervalAndWritesItsResult() throws IOException {
        Path out = tmp.resolve("lorentz");
        Installation.Result r = Installation.run("run", "--system", "lorentz", "--train-groups", "8000",
                "--validation-groups", "1000", "--test-groups", "2000", "--epochs", "6", "--learning-rate", "3e-3",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.all());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals("lorentz", m.get("system").asText());
        assertTrue(m.get("gradient_alignment").asDouble() > MIN_ALIGNMENT, "alignment " + m.get("gradient_alignment"));
        assertEquals("s2", m.get("matched_invariants").get(0).asText());
        assertTrue(m.get("test_accuracy").asDouble() > 0.85, "test accuracy " + m.get("test_accuracy"));
        assertTrue(m.get("formula").asText().contains("t^2"), m.get("formula").asText());
        assertTrue(Files.size(out.resolve("latent_vs_s2.png")) > 1000 && Files.size(out.resolve("training.png")) > 1000);
        assertTrue(r.out().contains("epoch 6/6"), "progress per epoch in the log:\n" + r.out());

        Installation.Result again = Installation.run("run", out.resolve("spec.yaml").toString(), "--out", out.toString());
        assertEquals(2, again.exitCode(), again.all());
        assertTrue(again.err().contains("already holds results") && again.err().contains("--force"), again.err());
    }

    /**
     * Two latents on electromagnetic fields, whose groups share two invariants: the pair of latents spans
     * {E·B, E² − B²} and the joint reading returns both as formulas, each plotted against its invariant.
     */
    @Test
    void twoLatentsOnFieldsReadBackBothInvariants() throws IOException {
        Path out = tmp.resolve("em");
        Installation.Result r = Installation.run("run", "--system", "em", "--latent-size", "2", "--train-groups", "20000",
                "--validation-groups", "1000", "--test-groups", "2000", "--epochs", "8", "--hidden", "32,32,32",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.all());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertTrue(m.get("gradient_alignment").asDouble() > MIN_ALIGNMENT, "alignment " + m.get("gradient_alignment"));
        assertEquals(2, m.get("matched_invariants").size(), m.get("matched_invariants").toString());
        assertEquals(2, m.get("formulas").size(), m.get("formulas").toString());
        String formulas = m.get("formulas").toString();
        assertTrue(formulas.contains("Ex*Bx") && formulas.contains("Ex^2"), "E·B and E²−B² among " + formulas);
        JsonNode f = new ObjectMapper().readTree(out.resolve("formula.json").toFile());
        assertEquals(2, f.get("readings").size());
        try (var files = Files.list(out)) {
            assertEquals(2, files.filter(p -> p.getFileName().toString().startsWith("reading")).count());
        }
    }

    @Test
    void badRunInputIsRefusedWithAClearMessage() throws IOException {
        Path spec = Files.writeString(tmp.resolve("bad.yaml"), "system: lorentz\ntraining:\n  epocs: 3\n");
        Installation.Result typo = Installation.run("run", spec.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, typo.exitCode(), typo.all());
        assertTrue(typo.err().contains("line 3") && typo.err().contains("epocs") && typo.err().contains("epochs"), typo.err());

        Installation.Result head = Installation.run("run", "--system", "lorentz", "--head", "siamese", "--out",
                tmp.resolve("y").toString());
        assertEquals(2, head.exitCode(), head.all());
        assertTrue(head.err().contains("siamese") && head.err().contains("distance-logistic"), head.err());

        Installation.Result nothing = Installation.run("run", "--out", tmp.resolve("z").toString());
        assertEquals(2, nothing.exitCode(), nothing.all());
        assertTrue(nothing.err().contains("--system"), nothing.err());

        Installation.Result paper = Installation.run("reproduce", "wetzel2021", "--quick", "--out", tmp.resolve("w").toString());
        assertEquals(2, paper.exitCode(), paper.all());
        assertTrue(paper.err().contains("wetzel2020"), paper.err());
        for (String d : new String[] {"x", "y", "z", "w"}) {
            assertFalse(Files.exists(tmp.resolve(d)), "nothing written for " + d);
        }
    }
}
