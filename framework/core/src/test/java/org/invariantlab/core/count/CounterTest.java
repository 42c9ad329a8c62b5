package org.invariantlab.core.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.ConservedCounts;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.core.builtin.GradientOrthogonalityLoss;
import org.invariantlab.core.job.JobListener;
import org.invariantlab.core.symbolic.PolynomialInterpreter;
import org.invariantlab.physics.dynamics.DynamicalSystem;
import org.invariantlab.physics.dynamics.Dynamics;
import org.invariantlab.physics.dynamics.Range;
import org.junit.jupiter.api.Test;

/**
 * The svd count (AI Poincaré 2.0) on two systems with known answers, at small sizes: the isotropic 2-D oscillator
 * (3 independent conserved quantities) and the damped oscillator (none, the negative control).
 */
class CounterTest {

    /** The isotropic oscillator over (x, y, px, py): Ex, Ey, L; 3 independent, 2 in involution. */
    static final class Oscillator extends DynamicalSystem {
        Oscillator() {
            super("test-oscillator", "isotropic 2-D oscillator (test)", new StateSpace(List.of("x", "y", "px", "py"),
                    Optional.of(new CanonicalLayout(List.of(0, 1), List.of(2, 3)))), 10.0);
        }

        @Override
        protected Dynamics dynamics(Parameters p) {
            return Dynamics.of(s -> new double[] {s[2], s[3], -s[0], -s[1]}, List.of(
                            invariant("Ex", "(px^2 + x^2)/2", "x energy", s -> (s[0] * s[0] + s[2] * s[2]) / 2,
                                    s -> new double[] {s[0], 0, s[2], 0}),
                            invariant("Ey", "(py^2 + y^2)/2", "y energy", s -> (s[1] * s[1] + s[3] * s[3]) / 2,
                                    s -> new double[] {0, s[1], 0, s[3]}),
                            invariant("L", "x*py - y*px", "angular momentum", s -> s[0] * s[3] - s[1] * s[2],
                                    s -> new double[] {s[3], -s[2], -s[1], s[0]})),
                    Range.symmetric(1), Range.symmetric(1), Range.symmetric(1), Range.symmetric(1))
                    .withCounts(ConservedCounts.of(3, 2));
        }
    }

    /** q' = p, p' = −q − 0.3 p: nothing is conserved. */
    static final class Damped extends DynamicalSystem {
        Damped() {
            super("test-damped", "damped oscillator (test)", StateSpace.of("q", "p"), 10.0);
        }

        @Override
        protected Dynamics dynamics(Parameters p) {
            return Dynamics.negativeControl(s -> new double[] {s[1], -s[0] - 0.3 * s[1]}, Range.symmetric(1),
                    Range.symmetric(1));
        }
    }

    private static CountResult svd(DynamicalSystem system, int epochs) {
        SystemModel model = system.configure(Parameters.resolve(system.id(), system.parameters(), Map.of()));
        CountSettings settings = new CountSettings("svd", 0, epochs, 256, 1e-3, "constant", List.of(32, 32), "swish", "float", 512, 4, 1,
                1.0, "1", 0.2, 0.05, null, null, null);
        GradientOrthogonalityLoss loss = new GradientOrthogonalityLoss();
        PolynomialInterpreter reader = new PolynomialInterpreter();
        CountRun run = Counter.count(CountData.simulate(system.id(), Map.of(), model, settings.trajectories(),
                settings.statesPerTrajectory(), settings.seed()), settings, loss, Optional.empty(), List.of(), reader,
                Parameters.resolve(reader.id(), reader.parameters(), Map.of()), null, JobListener.silent());
        assertEquals(1, run.networks().size(), "svd trains one network");
        return run.result();
    }

    /**
     * Three independent: the three largest mean singular values of the four unit gradients stay near √(4/3) ≈ 1.15
     * (a tight frame of 4 vectors in 3 dimensions) and the fourth falls below the 0.2 threshold; the counted
     * directions lie in the span of ∇Ex, ∇Ey, ∇L (mean principal cosine above 0.99, an angle under 8°).
     */
    /**
     * svd reads the outputs' conserved span, not single outputs: on the oscillator {@code h = (p, −q)}, outputs
     * {@code E + q} and {@code E − q} ({@code E = (q² + p²)/2}) are each not conserved, their sum is; the only
     * combination with a Lie derivative below the threshold is {@code (1, 1)} up to scale, at {@code μ} of round-off.
     * Outputs {@code q} and {@code p} have no conserved combination (the negative control: every combination rotates).
     */
    @Test
    void svdFindsTheConservedCombinationWhenNoSingleOutputIsConserved() {
        int n = 200;
        double[] x = new double[2 * n];
        double[] h = new double[2 * n];
        double[] plus = new double[2 * n];
        double[] minus = new double[2 * n];
        double[] dq = new double[2 * n];
        double[] dp = new double[2 * n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int i = 0; i < n; i++) {
            double q = r.nextDouble(-1, 1);
            double p = r.nextDouble(-1, 1);
            x[2 * i] = q;
            x[2 * i + 1] = p;
            h[2 * i] = p;
            h[2 * i + 1] = -q;
            plus[2 * i] = q + 1;
            plus[2 * i + 1] = p;
            minus[2 * i] = q - 1;
            minus[2 * i + 1] = p;
            dq[2 * i] = 1;
            dp[2 * i + 1] = 1;
        }
        List<double[]> found = Counter.conservedCombinations(List.of(plus, minus), h, 2, 0.05);
        assertEquals(1, found.size());
        assertEquals(1, found.get(0)[0] / found.get(0)[1], 1e-9, "the sum E + q + E − q");
        assertTrue(Counter.conservedCombinations(List.of(dq, dp), h, 2, 0.05).isEmpty());
    }

    @Test
    void theIsotropicOscillatorHasThreeIndependentConservedQuantities() {
        CountResult r = svd(new Oscillator(), 100);
        assertEquals(3, r.trueIndependent());
        assertEquals(3, r.declaredIndependent());
        assertEquals(3, r.svd().count(), () -> "spectrum " + java.util.Arrays.toString(r.svd().spectrum()));
        assertEquals(3, r.independent(), "svd alone: the independent count is svd's");
        assertTrue(r.svd().spanAlignment() > 0.99, "span alignment " + r.svd().spanAlignment());
    }

    /**
     * The negative control: two outputs trained on a vector field that conserves nothing stay apart (singular values
     * near 1) but change along every trajectory, so nothing is counted.
     */
    @Test
    void theDampedOscillatorConservesNothing() {
        CountResult r = svd(new Damped(), 40);
        assertEquals(0, r.declaredIndependent());
        assertEquals(0, r.svd().count(), () -> "spread of the outputs "
                + java.util.Arrays.toString(r.svd().conservation()));
        for (double c : r.svd().conservation()) {
            assertTrue(c > Counter.CONSERVATION_TOLERANCE, "an output looks conserved: " + c);
        }
    }

    @Test
    void aSystemWithoutVectorFieldIsRefused() {
        SystemModel noField = new Oscillator().configure(Parameters.empty());
        SystemModel wrapped = new SystemModel() {
            @Override
            public StateSpace stateSpace() {
                return noField.stateSpace();
            }

            @Override
            public org.invariantlab.api.system.GroupedData sample(org.invariantlab.api.system.SamplingRequest request) {
                return noField.sample(request);
            }

            @Override
            public List<org.invariantlab.api.system.TrueInvariant> invariants() {
                return noField.invariants();
            }
        };
        InvariantLabException e = assertThrows(InvariantLabException.class, () -> CountData.simulate("plain", Map.of(),
                wrapped, 8, 4, 1));
        assertTrue(e.getMessage().contains("has no vector field"), e.getMessage());
    }

    /**
     * Measured trajectories instead of a vector field: the isotropic oscillator's trajectories written to a CSV with
     * time stamps at uneven steps (0.1–0.2, about 1/40 of a period), read back, directions by finite differences.
     * The count is still 3, and the counted directions lie in the span of the suspected invariants given as
     * expressions (mean principal cosine above 0.99, the same bound as from the vector field). The three-point
     * directions are off by about step²/6 ≈ 0.7 % at most, far below what the count could notice.
     */
    @Test
    void measuredTrajectoriesWithTimeStampsCountLikeTheVectorField(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        StringBuilder csv = new StringBuilder("group,t,x,y,px,py\n");
        for (int g = 0; g < 240; g++) {
            double ax = random.nextDouble(0.2, 1);
            double ay = random.nextDouble(0.2, 1);
            double fx = random.nextDouble(0, 2 * Math.PI);
            double fy = random.nextDouble(0, 2 * Math.PI);
            double t = random.nextDouble(0, 5);
            for (int j = 0; j < 16; j++) {
                csv.append(String.format(java.util.Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.17g,%.17g%n", g, t,
                        ax * Math.cos(t + fx), ay * Math.cos(t + fy), -ax * Math.sin(t + fx), -ay * Math.sin(t + fy)));
                t += random.nextDouble(0.1, 0.2);
            }
        }
        java.nio.file.Path file = dir.resolve("oscillator.csv");
        java.nio.file.Files.writeString(file, csv);
        java.util.Map<String, String> truth = new java.util.LinkedHashMap<>();
        truth.put("Ex", "(x^2+px^2)/2");
        truth.put("Ey", "(y^2+py^2)/2");
        truth.put("L", "x*py-y*px");
        org.invariantlab.core.job.DataFile spec = new org.invariantlab.core.job.DataFile(file.toString(), null, null, "t",
                null, null, null, truth, null);
        org.invariantlab.core.data.FileDataModel model = org.invariantlab.core.data.FileDataModel.read(file, List.of(),
                "group", "t", List.of(), null, null, truth);
        CountData data = CountData.fromFile(model, spec, Optional.empty(), 1, 1);
        assertEquals("file", data.source().kind());
        assertTrue(data.source().medianTurnDegrees() < 15, "turn " + data.source().medianTurnDegrees());
        CountSettings settings = new CountSettings("svd", 0, 100, 256, 1e-3, "constant", List.of(32, 32), "swish", "float", 512, 4,
                1, 1.0, "1", 0.2, 0.05, null, null, null);
        PolynomialInterpreter reader = new PolynomialInterpreter();
        CountResult r = Counter.count(data, settings, new GradientOrthogonalityLoss(), Optional.empty(), List.of(), reader,
                Parameters.resolve(reader.id(), reader.parameters(), Map.of()), null, JobListener.silent()).result();
        assertEquals(3, r.trueIndependent(), "rank of the suspected invariants' gradients");
        assertEquals(-1, r.declaredIndependent(), "a file declares no counts");
        assertEquals(3, r.svd().count(), () -> "spectrum " + java.util.Arrays.toString(r.svd().spectrum()));
        assertTrue(r.svd().spanAlignment() > 0.99, "span alignment " + r.svd().spanAlignment());
    }

    /**
     * Issue 19: a data file is split by time as well as by trajectory. With the default horizon 2 the networks see
     * the first half of each training and validation trajectory (here 6 of 11 equally spaced states), the trajectory
     * check every state of the test trajectories; a horizon that leaves a training window a single state is refused.
     */
    @Test
    void aFilesNetworksTrainOnEarlyWindowsAndTheCheckSeesWholeTrajectories(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        StringBuilder csv = new StringBuilder("group,t,x,px\n");
        for (int g = 0; g < 30; g++) {
            for (int j = 0; j <= 10; j++) {
                double t = 0.1 * j;
                csv.append(String.format(java.util.Locale.ROOT, "%d,%.17g,%.17g,%.17g%n", g, t, Math.cos(t + g),
                        -Math.sin(t + g)));
            }
        }
        java.nio.file.Path file = dir.resolve("osc.csv");
        java.nio.file.Files.writeString(file, csv);
        org.invariantlab.core.job.DataFile spec = new org.invariantlab.core.job.DataFile(file.toString(), null, null, "t",
                null, null, null, Map.of(), null);
        org.invariantlab.core.data.FileDataModel model = org.invariantlab.core.data.FileDataModel.read(file, List.of(),
                "group", "t", List.of(), null, null, Map.of());
        CountData half = CountData.fromFile(model, spec, Optional.empty(), 1, CountSpec.FILE_CHECK_HORIZON);
        CountData whole = CountData.fromFile(model, spec, Optional.empty(), 1, 1);
        assertEquals(2.0, half.source().checkHorizon());
        int trainGroups = whole.train().size() / 11;
        assertEquals(11 * trainGroups, whole.train().size());
        assertEquals(6 * trainGroups, half.train().size(), "states with t <= 0.5 of each training trajectory");
        assertEquals(whole.test().size(), half.test().size(), "test trajectories are whole");
        assertEquals(11, half.test().groupSize(0));
        org.invariantlab.api.InvalidInputException e = assertThrows(org.invariantlab.api.InvalidInputException.class,
                () -> CountData.fromFile(model, spec, Optional.empty(), 1, 20));
        assertTrue(e.getMessage().contains("keeps 1 state in the first 1/20 of its time span"), e.getMessage());
        assertTrue(half.source().directionNoise() < 1e-2, "smooth trajectories: " + half.source().directionNoise());
    }

    /**
     * Issue 17, item 10: four outputs whose gradients point along the four coordinates are four independent
     * directions, but only the one output that passed the trajectory check may be counted (the others are the
     * coordinates themselves, which the oscillator does not conserve).
     */
    @Test
    void onlyOutputsThatPassTheTrajectoryCheckAddDirections() {
        int d = 4;
        int n = 50;
        List<double[]> axes = new java.util.ArrayList<>();
        for (int o = 0; o < d; o++) {
            double[] g = new double[n * d];
            for (int r = 0; r < n; r++) {
                g[r * d + o] = 1 + r; // unit direction e_o at every state, any length
            }
            axes.add(g);
        }
        double tolerance = 0.2; // the default --sv-tolerance
        assertEquals(4, Counter.conservedRank(axes, List.of(0, 1, 2, 3), d, tolerance), "all four, if all passed");
        assertEquals(1, Counter.conservedRank(axes, List.of(2), d, tolerance), "only the one that passed");
        assertEquals(0, Counter.conservedRank(axes, List.of(), d, tolerance), "none passed: nothing is claimed");
        List<double[]> parallel = List.of(axes.get(0), axes.get(0).clone(), axes.get(1));
        assertEquals(2, Counter.conservedRank(parallel, List.of(0, 1, 2), d, tolerance),
                "two outputs along one direction are one direction");
    }

    /** A counted quantity whose formula is not conserved is said to be so, and the count called uncertain. */
    @Test
    void aCountThatNoConservedFormulaBacksIsFlaggedUncertain() {
        CountResult.Formula px = new CountResult.Formula("px", false, List.of(), 0.44, 0.888, null);
        CountResult.Formula energy = new CountResult.Formula("x^2+px^2", true, List.of("Ex"), 0.999, 0.004, null);
        assertFalse(px.conserved());
        assertTrue(energy.conserved());
        CountResult.Svd junk = new CountResult.Svd(4, new double[] {1.2, 1.1, 1.0, 0.25}, new double[] {0.35, 0.29, 0.36,
            0.43}, 0.2, 1, 0.99, 0.13, 1e5, 6.0, List.of(px), null);
        CountResult r = new CountResult("osc.csv", java.util.Map.of(), new CountResult.Source("file", "osc.csv", 300, 12000,
                12.0, 0.01, 2), List.of("x", "y", "px", "py"), List.of(), 0, -1, -1, 1, -1, junk, List.of(), List.of(), 7.0);
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).startsWith("svd counted 1, but none of its 1 formula is conserved by its verdict "
                + "(spreads along unseen trajectories 0.888)"), r.warnings().get(0));
        CountResult good = new CountResult("osc.csv", java.util.Map.of(), r.source(), r.variables(), List.of(), 0, -1, -1,
                1, -1, new CountResult.Svd(4, junk.spectrum(), junk.conservation(), 0.2, 1, 0.99, 0.01, 1e5, 6.0,
                List.of(energy), null), List.of(), List.of(), 7.0);
        assertEquals(List.of(), good.warnings());
    }

    /**
     * Issue 19: the count never silently takes one method's number over another's, and never stays below what the
     * formulas prove. svd counted 5 with five conserved formulas of gradient rank 5, deflation 3: both are said, and
     * the count is at least 5.
     */
    @Test
    void disagreeingMethodsAndACountBelowItsProvenFormulasAreSaid() {
        CountResult.Formula proven = new CountResult.Formula("L", true, List.of("L"), 0.99, 1e-9, null);
        List<CountResult.Formula> five = java.util.Collections.nCopies(5, proven);
        CountResult.Svd svd = new CountResult.Svd(6, new double[] {1, 1, 1, 1, 1, 0.01}, new double[6], 0.2, 5, 0.99,
                0.01, 1e5, 6.0, five, new org.invariantlab.core.verdict.SetVerdict(5, 5, true, null, "exact rank"));
        CountResult.Deflation plain = new CountResult.Deflation(false, new double[] {1e-4, 1e-3, 2e-3, 0.3},
                new double[] {0.01, 0.02, 0.03, 0.5}, 0.05, 3, new double[4], 1e5, 20.0, List.of(proven, proven, proven),
                new org.invariantlab.core.verdict.SetVerdict(3, 3, true, null, "exact rank"), new int[0]);
        CountResult r = new CountResult("central.csv", java.util.Map.of(), new CountResult.Source("file", "central.csv",
                300, 12000, 12.0, 0.01, 2), List.of("x", "y", "z", "vx", "vy", "vz"), List.of(), 0, -1, -1, 3, -1, svd,
                List.of(plain), List.of(), 30.0);
        assertEquals(5, r.certified());
        CountDecision decision = r.decision();
        assertEquals(CountDecision.CERTIFIED, decision.status(), decision.reason());
        assertEquals(5, decision.independent());
        assertTrue(decision.reason().startsWith("5, certified: svd's formulas are 5 independent quantities, each "
                + "conserved by its verdict, the most a flow in 6 dimensions can have"), decision.reason());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).endsWith("more than the 3 reported: the count is at least 5"), r.warnings().get(0));
        CountResult.Deflation unproven = new CountResult.Deflation(false, plain.stageLoss(), plain.stageConservation(),
                0.05, 3, new double[4], 1e5, 20.0, List.of(), null, new int[] {4});
        CountResult.Svd loose = new CountResult.Svd(6, svd.spectrum(), new double[6], 0.2, 5, 0.99, 0.01, 1e5, 6.0,
                List.of(new CountResult.Formula("x", false, List.of(), 0.5, 0.8, null)), null);
        CountResult open = new CountResult("central.csv", java.util.Map.of(), r.source(), r.variables(), List.of(), 0,
                -1, -1, 3, -1, loose, List.of(unproven), List.of(), 30.0);
        assertEquals("the methods disagree on the independent count: deflation 3 (0 of its formulas conserved by their "
                + "verdicts), svd 5 (0 of its formulas conserved by their verdicts); the count reported is "
                + "deflation's and is uncertain", open.warnings().get(0));
        assertTrue(open.warnings().contains("deflation (without the bracket): stage 4 was still learning when its "
                + "epochs ended (under-trained): its loss and check are not final; give more --epochs"),
                open.warnings().toString());
        assertTrue(org.invariantlab.core.train.GradientTrainer.stillImproving(new double[] {1, 0.5, 0.4, 0.35, 0.3, 0.2, 0.1, 0.09, 0.08, 0.05}));
        assertFalse(org.invariantlab.core.train.GradientTrainer.stillImproving(new double[] {1, 0.2, 0.11, 0.1, 0.1, 0.1, 0.1, 0.1, 0.099, 0.098}),
                "on its plateau");
        CountResult agree = new CountResult("central.csv", java.util.Map.of(), r.source(), r.variables(), List.of(), 0,
                -1, -1, 5, -1, svd, List.of(), List.of(), 30.0);
        assertEquals(List.of(), agree.warnings(), "one method, its count backed by its formulas");
        assertEquals(CountDecision.CERTIFIED, agree.decision().status());
    }
}
