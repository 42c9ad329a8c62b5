package org.invariantlab.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.core.score.CorrelationTrack;
import org.invariantlab.core.train.EpochStats;
import org.junit.jupiter.api.Test;

/**
 * {@link CorrelationFollower} without training: "networks" given as formulas of the state, so the expected |r| is
 * known. On the ring ({@code r2 = x² + y²}, circles of radius² uniform in the system's range), a network equal to
 * {@code r2} has |r| = 1 exactly; one equal to {@code x} (odd, on circles centred at 0) has |r| near 0.
 */
class CorrelationFollowerTest {

    /** Pearson of a function that is exactly {@code a·r2 + b} is 1 up to rounding of sums of ~10³ terms. */
    private static final double ROUNDING = 1e-12;
    /** |r| of {@code x} with {@code r2} over 600 states: 0 in expectation, of order 1/√600 ≈ 0.04; 0.2 is 5σ. */
    private static final double UNCORRELATED = 0.2;

    private static final SystemModel RING = new RingSystem().configure(Parameters.empty());
    private static final GroupedData TEST = RING.sample(new SamplingRequest(60, 10, 3));

    private static EpochStats epoch(int e, int of) {
        return new EpochStats(e, of, 1, Double.NaN, 1, Double.NaN, 1e-3, e);
    }

    @Test
    void followsEveryNthEpochAndTheLastAndKeepsTheHighest() {
        List<Integer> passedOn = new ArrayList<>();
        CorrelationFollower f = CorrelationFollower.of(s -> passedOn.add(s.epoch()), 3, RING, TEST);
        for (int e = 1; e <= 8; e++) {
            EpochStats s = epoch(e, 8);
            f.epochCompleted(s);
            int epochNumber = e;
            // epochs 3 and 6 learn x (nothing conserved), the last r2 itself
            f.epochNetwork(s, (double[] states) -> {
                double[] z = new double[states.length / 2];
                for (int i = 0; i < z.length; i++) {
                    double x = states[2 * i];
                    double y = states[2 * i + 1];
                    z[i] = epochNumber == 8 ? 3 * (x * x + y * y) - 1 : x;
                }
                return z;
            }, e == 8);
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), passedOn, "every epoch still reaches the next listener");
        String[] lines = f.csv().split("\n");
        assertEquals("epoch,abs_r_r2", lines[0]);
        assertEquals(List.of("3", "6", "8"), List.of(lines[1].split(",")[0], lines[2].split(",")[0],
                lines[3].split(",")[0]), "epochs 3, 6 and the last");
        assertTrue(Double.parseDouble(lines[1].split(",")[1]) < UNCORRELATED, lines[1]);
        Map<String, CorrelationTrack.Peak> peaks = f.peaks();
        assertEquals(8, peaks.get("r2").epoch());
        assertEquals(1.0, peaks.get("r2").absR(), ROUNDING);
    }

    @Test
    void anEpochWhereTrainingStopsEarlyIsFollowedThoughNotAMultiple() {
        CorrelationFollower f = CorrelationFollower.of(s -> { }, 3, RING, TEST);
        for (int e = 1; e <= 5; e++) { // 8 planned, early stopping after the fifth
            EpochStats s = epoch(e, 8);
            f.epochCompleted(s);
            f.epochNetwork(s, states -> new double[states.length / 2], e == 5);
        }
        String[] lines = f.csv().split("\n");
        assertEquals(3, lines.length, f.csv());
        assertEquals("3", lines[1].split(",")[0]);
        assertEquals("5", lines[2].split(",")[0], "the last epoch trained is followed");
    }

    @Test
    void dataWithoutATrueInvariantHaveNothingToFollow() {
        SystemModel none = new SystemModel() {
            @Override
            public StateSpace stateSpace() {
                return RING.stateSpace();
            }

            @Override
            public GroupedData sample(SamplingRequest request) {
                return RING.sample(request);
            }

            @Override
            public List<org.invariantlab.api.system.TrueInvariant> invariants() {
                return List.of();
            }
        };
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CorrelationFollower.of(s -> { }, 1, none, TEST));
        assertTrue(e.getMessage().contains("--truth"), e.getMessage());
        CorrelationFollower.checkTruth(none, 0); // not following: nothing to refuse
    }
}
