package org.invariantlab.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invariantlab.core.verdict.Verdict;
import org.invariantlab.core.verdict.VerdictKind;
import org.junit.jupiter.api.Test;

class LearningVerdictTest {

    private static final RunSpec.Training T = new RunSpec.Training(List.of(8), "swish", 1, 3, 64, 30.0, "cosine", 0);

    @Test
    void theBinomialTailIsExact() {
        assertEquals(1.0 / 1024, LearningVerdict.chanceProbability(10, 10), 1e-15);
        assertEquals(11.0 / 1024, LearningVerdict.chanceProbability(9, 10), 1e-15);
        assertEquals(1.0, LearningVerdict.chanceProbability(0, 10), 0);
        // P(X ≥ 3) for n = 4: (4 + 1)/16; below n/2 through the symmetry
        assertEquals(5.0 / 16, LearningVerdict.chanceProbability(3, 4), 1e-15);
        assertEquals(1 - 1.0 / 16, LearningVerdict.chanceProbability(1, 4), 1e-15);
        assertEquals(0.5126, LearningVerdict.chanceProbability(500, 1000), 1e-4);
        assertEquals(550, LearningVerdict.minimumCorrect(1000));
        assertEquals(5156, LearningVerdict.minimumCorrect(10_000));
    }

    @Test
    void chanceLevelAccuracyFailsToLearnAndSaysWhatToChange() {
        LearningVerdict v = LearningVerdict.judge(0.5, 1000, 0.69, "completed", T);
        assertEquals(RunStatus.FAILED_TO_LEARN, v.status());
        assertTrue(v.message().contains("50.00 %") && v.message().contains("--learning-rate (now 30.0)")
                && v.message().contains("--epochs"), v.message());
        assertEquals(RunStatus.FAILED_TO_LEARN, LearningVerdict.judge(0.54, 1000, 0.6, "completed", T).status(),
                "540 of 1000 is within chance at 0.001");
        assertEquals(RunStatus.COMPLETED, LearningVerdict.judge(0.55, 1000, 0.6, "completed", T).status());
        assertEquals(RunStatus.FAILED_TO_LEARN, LearningVerdict.judge(0.9, 1000, Double.NaN, "completed", T).status());
    }

    @Test
    void aDivergedRunThatLearnedIsDivergedAndOneThatDidNotFailed() {
        LearningVerdict learned = LearningVerdict.judge(0.95, 1000, 0.2, "diverged: loss 1e30 at epoch 4", T);
        assertEquals(RunStatus.DIVERGED, learned.status());
        LearningVerdict nothing = LearningVerdict.judge(0.5, 1000, 0.9, "diverged: loss 1e30 at epoch 1", T);
        assertEquals(RunStatus.FAILED_TO_LEARN, nothing.status());
        assertTrue(nothing.message().contains("diverged"), nothing.message());
        LearningVerdict fine = LearningVerdict.judge(0.95, 1000, 0.2, "completed", T);
        assertEquals(RunStatus.COMPLETED, fine.status());
        assertNull(fine.message());
    }

    /**
     * Wetzel's Lorentz network of seed 3 in the quick grid told 82.5 % of the test pairs apart with {@code t}: every
     * formula read from it shown not conserved makes the run a shortcut; one formula conserved, or undecided, or no
     * formula at all, does not; nor does a run that failed to learn (it stays failed).
     */
    @Test
    void aRunWhoseEveryFormulaIsNotConservedLearnedAShortcut() {
        LearningVerdict fine = LearningVerdict.judge(0.825, 1000, 0.4, "completed", T);
        Verdict t = Verdict.of("t", VerdictKind.NOT_CONSERVED, "spread along 2000 held-out groups 0.128");
        LearningVerdict shortcut = fine.afterReading(List.of(t), 0.825, 0.77, () -> false);
        assertEquals(RunStatus.SHORTCUT, shortcut.status());
        assertTrue(shortcut.message().startsWith("the network learned a shortcut, not an invariant: `t` read from it "
                + "is not conserved (spread along 2000 held-out groups 0.128), although it tells 82.5 % of the test "
                + "pairs apart (the formula explains the network only in part: alignment 0.7700)"), shortcut.message());
        Verdict s2 = Verdict.of("-t^2+x^2", VerdictKind.EXACT, "a function of s2");
        Verdict undecided = Verdict.of("u", VerdictKind.UNDECIDED, "no held-out groups");
        assertEquals(fine, fine.afterReading(List.of(t, s2), 0.9, 0.999, () -> false), "one conserved formula: not a shortcut");
        assertEquals(fine, fine.afterReading(List.of(undecided), 0.9, 0.999, () -> false));
        assertEquals(fine, fine.afterReading(List.of(), 0.9, Double.NaN, () -> false), "no formula: nothing shown");
        assertEquals(fine, fine.afterReading(List.of(t), Double.NaN, 0.95, () -> false),
                "a head without pairs (Ha–Jeong) tells nothing apart: its formula is wrong, not a shortcut");
        LearningVerdict nothing = LearningVerdict.judge(0.5, 1000, 0.69, "completed", T);
        assertEquals(nothing, nothing.afterReading(List.of(t), 0.5, 0.5, () -> false));
        assertEquals(fine, fine.afterReading(List.of(t), 0.9, 0.6, () -> true),
                "the network's latents conserved on held-out groups: the reading failed, not the network");
        assertEquals(RunStatus.SHORTCUT, RunStatus.of("shortcut"));
    }
}
