package org.invariantlab.plugins.hajeong;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.Bound;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.training.GroupExamples;
import org.invariantlab.api.training.ExampleSampler;
import org.invariantlab.api.training.Perturbation;
import org.pf4j.Extension;

/**
 * Ha &amp; Jeong's trajectory-perturbation examples: whole groups, each state with one perturbed copy
 * {@code x + δ}, and no negative pairs.
 *
 * <p>{@link #examples} returns every group unchanged together with one draw of
 * {@link SpreaderPerturbation} per state (seeded by the given seed); the trainer uses these fixed copies for
 * validation and evaluation. {@link #perturbation} returns the same law, which the trainer draws afresh for
 * every training batch, as the authors' training loop calls its spreader at every step.
 *
 * <p>Parameters: {@code noise} = {@code R} (default 1: {@code ‖δ‖ ~ U(0, 1)}) and {@code spreader} =
 * {@code l2} (default, the paper's), {@code l1} or {@code linf} (see {@link Spreader}).
 *
 * <p>Reference: S. Ha, H. Jeong, "Discovering invariants via machine learning", Phys. Rev. Research 3,
 * L042035 (2021), arXiv:2102.04008.
 */
@Extension
public final class HaJeongSampler implements ExampleSampler {

    /** The extension id. */
    public static final String ID = "ha-jeong";

    /** Parameter: {@code R}, the norm of {@code δ} is uniform in {@code (0, √R)}. */
    public static final String NOISE = "noise";

    /** Parameter: the norm of the spreader, {@code l2}, {@code l1} or {@code linf}. */
    public static final String SPREADER = "spreader";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.realIn(NOISE, 1.0, Bound.above(0.0), Bound.atMost(1e12),
                    "R: the norm of the noise delta is uniform in (0, sqrt(R)), in the units of the data"),
            ParameterSpec.choice(SPREADER, Spreader.L2.id(), List.of("l2", "l1", "linf"),
                    "norm whose unit sphere the direction of delta is uniform on"));

    /** Built by PF4J (or the host's injector); stateless. */
    public HaJeongSampler() {
        // stateless
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "whole groups with perturbed copies x + delta, |delta| ~ U(0, sqrt(R)), redrawn every step; no negatives"
                + " (Ha & Jeong 2021)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    /**
     * The groups of {@code data} and one perturbed copy of each state.
     *
     * @throws InvariantLabException if a group has fewer than two states (a variance needs two)
     */
    @Override
    public GroupExamples examples(GroupedData data, Parameters parameters, long seed) {
        Objects.requireNonNull(data, "data");
        if (data.perGroup() < 2) {
            throw new InvariantLabException("the '" + ID + "' sampler needs at least 2 states per group to take a variance,"
                    + " but the data have " + data.perGroup() + "; sample 2 or more states per group");
        }
        SpreaderPerturbation p = law(parameters);
        double[] values = data.values();
        double[] noisy = new double[values.length];
        p.perturb(values, data.size(), data.dimension(), seed, noisy);
        return new GroupExamples(data, new GroupedData(data.variables(), data.groups(), data.perGroup(), noisy));
    }

    /** The same law as {@link #examples}, to be redrawn at every training step. */
    @Override
    public Optional<Perturbation> perturbation(Parameters parameters) {
        return Optional.of(law(parameters));
    }

    /** The perturbation law of resolved {@code parameters}. */
    static SpreaderPerturbation law(Parameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        return new SpreaderPerturbation(parameters.getDouble(NOISE), Spreader.of(parameters.getString(SPREADER)));
    }
}
