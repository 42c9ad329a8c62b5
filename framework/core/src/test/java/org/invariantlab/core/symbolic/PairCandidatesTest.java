package org.invariantlab.core.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.symbolic.Interpretation;
import org.invariantlab.api.symbolic.InterpretationContext;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.core.verdict.VerdictContext;
import org.invariantlab.core.verdict.VerdictKind;
import org.invariantlab.core.verdict.Verifier;
import org.junit.jupiter.api.Test;

/**
 * Pair interactions as candidate features (issue 18: the Toda lattice must come back as a proven basis). A network
 * that follows the periodic Toda-3 energy {@code H = Σ p²/2 + Σ Exp(q_i − q_{i+1})} only approximately is read by a
 * polynomial that follows the network but is not conserved; the groups (trajectories integrated here by a fixed-step
 * fourth-order Runge–Kutta scheme, whose energy error over the 1.6 time units used is below 10⁻⁸ relative) say that
 * the library widened by the block {@code Exp(q1−q2), Exp(q2−q3), Exp(q3−q1)} holds a conserved combination that
 * explains the network, and the reading becomes {@code H}, proven by its Lie derivative.
 */
class PairCandidatesTest {

    private static final StateSpace SPACE = new StateSpace(List.of("q1", "q2", "q3", "p1", "p2", "p3"),
            Optional.of(new CanonicalLayout(List.of(0, 1, 2), List.of(3, 4, 5))));

    /** The periodic Toda vector field: {@code q̇_i = p_i}, {@code ṗ_i = e^(q_{i−1} − q_i) − e^(q_i − q_{i+1})}. */
    private static double[] field(double[] s) {
        double[] out = new double[6];
        for (int i = 0; i < 3; i++) {
            int left = (i + 2) % 3;
            int right = (i + 1) % 3;
            out[i] = s[3 + i];
            out[3 + i] = Math.exp(s[left] - s[i]) - Math.exp(s[i] - s[right]);
        }
        return out;
    }

    private static double[] step(double[] s, double h) {
        double[] k1 = field(s);
        double[] k2 = field(add(s, k1, h / 2));
        double[] k3 = field(add(s, k2, h / 2));
        double[] k4 = field(add(s, k3, h));
        double[] out = new double[6];
        for (int i = 0; i < 6; i++) {
            out[i] = s[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        return out;
    }

    private static double[] add(double[] s, double[] k, double h) {
        double[] out = s.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += h * k[i];
        }
        return out;
    }

    private static double energy(double[] s) {
        double h = 0;
        for (int i = 0; i < 3; i++) {
            h += s[3 + i] * s[3 + i] / 2 + Math.exp(s[i] - s[(i + 1) % 3]);
        }
        return h;
    }

    @Test
    void aLooseTodaNetworkReadsAsTheProvenTodaEnergyWithExponentialPairFeatures() {
        Random random = new Random(11);
        int groups = 150;
        int members = 8;
        double[] states = new double[groups * members * 6];
        int at = 0;
        for (int g = 0; g < groups; g++) {
            double[] s = new double[6];
            for (int i = 0; i < 6; i++) {
                s[i] = random.nextDouble() - 0.5;
            }
            for (int j = 0; j < members; j++) {
                for (int n = 0; n < 20; n++) {
                    s = step(s, 0.01);
                }
                System.arraycopy(s, 0, states, at, 6);
                at += 6;
            }
        }
        // a network that follows H with an error that is not conserved
        ScalarField f = ExactReadingTest.networkLike(s -> Math.atan(energy(s) + 0.05 * s[0] * s[3]), 61);
        PolynomialInterpreter reader = new PolynomialInterpreter();
        Interpretation r = reader.interpretJointly(List.of(f), new InterpretationContext(SPACE, List.of(), states, groups),
                Parameters.resolve("polynomial", reader.parameters(), Map.of())).get(0);
        Verifier verifier = Verifier.of(new VerdictContext(SPACE.variables(),
                Optional.of(List.of("p1", "p2", "p3", "E^(q3-q1)-E^(q1-q2)", "E^(q1-q2)-E^(q2-q3)",
                        "E^(q2-q3)-E^(q3-q1)")),
                SPACE.canonical(), List.of(), RaggedGroups.of(SPACE.variables(), List.of(states)), 1));
        assertEquals(VerdictKind.PROVEN, verifier.verdict(r.expression(), r.formula()).kind(), r.expression());
        assertTrue(r.expression().contains("E^"), "the energy needs the exponential pair terms: " + r.expression());
    }

    @Test
    void pairBlocksAreNeighbourExponentialsOfEachSignAndInverseSquaresOfPairsThatStayApart() {
        double[][] apart = {{0, 1, 2.5, 0, 0, 0}, {0.1, 1.2, 2.4, 0, 0, 0}};
        List<List<Feature>> blocks = CandidateFeatures.pairBlocks(SPACE, apart, List.of());
        assertEquals(3, blocks.size(), blocks.toString());
        assertEquals(List.of("Exp(q1-q2)", "Exp(q2-q3)", "Exp(q3-q1)"),
                blocks.get(0).stream().map(Feature::expression).toList());
        assertEquals(List.of("Exp(q2-q1)", "Exp(q3-q2)", "Exp(q1-q3)"),
                blocks.get(1).stream().map(Feature::expression).toList());
        assertEquals(3, blocks.get(2).size(), "every pair stays apart");
        double[][] crossing = {{0, 1, 2.5, 0, 0, 0}, {1, 0, 2.4, 0, 0, 0}, {0.5, 0.5, 2, 0, 0, 0}};
        assertEquals(2, CandidateFeatures.pairBlocks(SPACE, crossing, List.of()).get(2).size(),
                "q1 and q2 meet on the data: no 1/(q1-q2)^2");
    }
}
