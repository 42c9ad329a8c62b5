package org.invariantlab.plugins.hajeong;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.invariantlab.api.DescribedExtension;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;

/**
 * A synthetic system of Ha &amp; Jeong whose invariant is an explicit function {@code C(x)}: a group is a set
 * of states on one level set {@code C(x) = c}.
 *
 * <p>Sampling, per group: {@code c} uniform in the system's range {@code (c_min, c_max)}, then each state
 * by the system's rejection procedure (free variables drawn from the paper's distributions, the remaining
 * variable solved from {@code C(x) = c}, redrawn while it leaves the paper's window). The paper's generator
 * steps {@code c} over an even grid of the same range, one value per group; drawing it at random keeps any
 * split of the groups into training and test sets representative. The paper's data conditions are
 * {@value #PAPER_GROUPS} groups of {@value #PAPER_STATES_PER_GROUP} states.
 *
 * <p>Everything is drawn from {@code new SplittableRandom(seed)}, group after group, so a request gives
 * bit-identical data. The systems have no parameters.
 *
 * <p>Reference: S. Ha, H. Jeong, "Discovering invariants via machine learning", Phys. Rev. Research 3,
 * L042035 (2021), arXiv:2102.04008, systems S1–S3 (data generators in the authors' code, nokpil/ConservNet,
 * {@code src/system.py}).
 */
public abstract class LevelSetSystem extends DescribedExtension implements PhysicalSystem {

    /** Groups in the paper's experiments. */
    public static final int PAPER_GROUPS = 20;

    /** States per group in the paper's experiments. */
    public static final int PAPER_STATES_PER_GROUP = 100;

    /** Draws allowed per state before sampling gives up (acceptance is above 1 % for every system). */
    static final int MAX_ATTEMPTS = 1_000_000;

    /** Name of the invariant of every system. */
    static final String INVARIANT_NAME = "C";

    private final StateSpace space;
    private final TrueInvariant invariant;
    private final double cMin;
    private final double cMax;

    LevelSetSystem(String id, String description, StateSpace space, String expression, String invariantDescription,
                   ScalarField field, double cMin, double cMax) {
        super(id, description, List.of());
        this.space = space;
        this.invariant = new TrueInvariant(INVARIANT_NAME, expression, invariantDescription, field);
        this.cMin = cMin;
        this.cMax = cMax;
    }

    @Override
    public final StateSpace stateSpace() {
        return space;
    }

    @Override
    public final SystemModel configure(Parameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        return new Model();
    }

    /**
     * Tries once to write a state with {@code C(x) = c} into {@code x}; returns {@code false} if the draw is
     * rejected (the solved variable left the paper's window).
     */
    abstract boolean tryState(double c, SplittableRandom rng, double[] x);

    /** The configured model: samples level sets, knows {@code C}. */
    private final class Model implements SystemModel {

        @Override
        public StateSpace stateSpace() {
            return space;
        }

        @Override
        public List<TrueInvariant> invariants() {
            return List.of(invariant);
        }

        @Override
        public GroupedData sample(SamplingRequest request) {
            Objects.requireNonNull(request, "request");
            int d = space.dimension();
            int n = request.groups();
            int m = request.perGroup();
            double[] values = new double[n * m * d];
            double[] x = new double[d];
            SplittableRandom rng = new SplittableRandom(request.seed());
            for (int g = 0; g < n; g++) {
                double c = cMin + (cMax - cMin) * rng.nextDouble();
                for (int j = 0; j < m; j++) {
                    int attempts = 0;
                    while (!tryState(c, rng, x)) {
                        if (++attempts >= MAX_ATTEMPTS) {
                            throw new InvariantLabException("system '" + id() + "' found no state on the level set C = " + c
                                    + " in " + MAX_ATTEMPTS + " draws");
                        }
                    }
                    System.arraycopy(x, 0, values, (g * m + j) * d, d);
                }
            }
            return new GroupedData(space.variables(), n, m, values);
        }
    }
}
