package org.invariantlab.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.invariantlab.api.InvariantLabException;
import org.junit.jupiter.api.Test;

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
}
