package org.invariantlab.core.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.data.FileDataModel;
import org.invariantlab.core.job.CanonicalText;
import org.invariantlab.core.provenance.Provenance;
import org.invariantlab.core.job.DataFile;
import org.invariantlab.core.job.ResultDirectory;
import org.invariantlab.core.symbolic.ExpressionInvariant;
import org.invariantlab.core.symbolic.UserFeatures;
import org.invariantlab.core.verdict.SetVerdict;
import org.invariantlab.core.verdict.Verdict;
import org.invariantlab.core.verdict.VerdictContext;
import org.invariantlab.core.verdict.Verifier;

/**
 * Checks formulas against a system (its vector field as formulas, its declared invariants, and
 * {@value #GROUPS} × {@value #STATES} sampled states as held-out groups) or a data file (its groups, the invariants
 * the physicist suspects, the (q, p) pairs of {@code --canonical}).
 */
public final class Check {

    /** Groups sampled from a system for the held-out verdicts and the random points. */
    public static final int GROUPS = 64;

    /** States per sampled group. */
    public static final int STATES = 8;

    private final InvariantLab lab;

    public Check(InvariantLab lab) {
        this.lab = lab;
    }

    /**
     * What to check.
     *
     * @param system     a system id, or {@code null} with a file
     * @param parameters the system's parameters
     * @param file       a data file, or {@code null} with a system
     * @param canonical  with a file: the (q, p) pairs, {@code Q,..:P,..}, or {@code null}
     * @param formulas   the formulas, in the whitelisted syntax (docs/safety.md)
     * @param features   named terms the formulas may use, name to formula (e.g. {@code r=Sqrt(x^2+y^2)})
     * @param seed       seed of the sample, the random points and the bootstrap
     */
    public record Spec(String system, Map<String, String> parameters, DataFile file, String canonical,
                       List<String> formulas, Map<String, String> features, long seed) {
        public Spec {
            parameters = Map.copyOf(parameters);
            formulas = List.copyOf(formulas);
            features = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(features));
            if ((system == null) == (file == null)) {
                throw new InvalidInputException("give --system ID or --data FILE (one of them)");
            }
            if (formulas.isEmpty()) {
                throw new InvalidInputException("give at least one formula to check, e.g. 'x*py-y*px'");
            }
            if (system != null && canonical != null) {
                throw new InvalidInputException("--canonical names the (q, p) pairs of a data file; a system declares its "
                        + "own (remove --canonical)");
            }
        }
    }

    /** {@code formula} with every feature name (not called as a function) replaced by its formula in parentheses. */
    static String expand(String formula, Map<String, String> features) {
        String out = formula;
        for (Map.Entry<String, String> f : features.entrySet()) {
            out = out.replaceAll("(?<![A-Za-z0-9_])" + java.util.regex.Pattern.quote(f.getKey())
                    + "(?![A-Za-z0-9_(\\[])", java.util.regex.Matcher.quoteReplacement("(" + f.getValue() + ")"));
        }
        return out;
    }

    /** The verdicts, and {@code check.json} in {@code out} unless it is {@code null}. */
    public CheckResult run(Spec spec, Path out, boolean force, String command) {
        if (out != null) {
            ResultDirectory.checkWritable(out, ResultDirectory.Kind.CHECK, force);
        }
        long t0 = System.nanoTime();
        SystemModel model;
        RaggedGroups heldOut;
        String source;
        Optional<CanonicalLayout> canonical;
        if (spec.system() != null) {
            PhysicalSystem system = lab.registry().record(PhysicalSystem.class, spec.system()).extension();
            model = system.configure(Parameters.resolve(system.id(), system.parameters(), spec.parameters()));
            heldOut = RaggedGroups.of(model.sample(new SamplingRequest(GROUPS, STATES, spec.seed())));
            source = spec.system();
            canonical = model.stateSpace().canonical();
        } else {
            DataFile f = spec.file();
            FileDataModel file = FileDataModel.read(Path.of(f.path()), f.variables(), f.groupColumn(), f.timeColumn(),
                    f.ignore(), f.statesArray(), f.timesArray(), f.truth());
            model = file;
            heldOut = file.groups();
            source = file.name();
            canonical = CanonicalText.layout(spec.canonical(), model.stateSpace().variables());
        }
        List<String> variables = model.stateSpace().variables();
        UserFeatures.of(spec.features(), variables); // each feature checked on its own first
        List<String> formulas = new ArrayList<>();
        List<ScalarField> fields = new ArrayList<>();
        for (int i = 0; i < spec.formulas().size(); i++) {
            String formula = expand(spec.formulas().get(i), spec.features());
            TrueInvariant parsed = ExpressionInvariant.of("F" + (i + 1), formula, variables, "formula");
            formulas.add(formula);
            fields.add(parsed.field());
        }
        VerdictContext context = new VerdictContext(variables, model.vectorFieldExpressions(), canonical,
                model.invariants(), heldOut, spec.seed());
        Verifier verifier = Verifier.of(context);
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            verdicts.add(verifier.verdict(formulas.get(i), fields.get(i)));
        }
        SetVerdict set = fields.size() < 2 ? null : verifier.set(formulas, fields);
        CheckResult result = new CheckResult(source, variables, heldOut.groupCount(),
                model.vectorFieldExpressions().isPresent(), verdicts, set, (System.nanoTime() - t0) / 1e9);
        if (out != null) {
            try (ResultDirectory dir = ResultDirectory.open(out, ResultDirectory.Kind.CHECK, force)) {
                dir.writeJson("check.json", result);
                dir.writeJson("provenance.json", Provenance.now(command, spec.seed(), List.of()));
                dir.commit();
            }
        }
        return result;
    }
}
