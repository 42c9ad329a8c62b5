package org.invariantlab.core.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.invariantlab.api.system.ConservedCounts;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.api.system.VectorField;

/**
 * Extra library terms a physicist gives ({@code --feature NAME=EXPR}, a spec's or a grid's {@code features:}), such
 * as {@code invR=1/Sqrt(x^2+y^2)} or {@code logS=Log(S)}: parsed against the whitelist ({@link SafeExpression}),
 * compiled for evaluation ({@link ExpressionInvariant}), and offered to every interpreter beside the system's own
 * features.
 */
public final class UserFeatures {

    private UserFeatures() {
    }

    /** The features {@code name → formula} over {@code variables}. */
    public static List<Feature> of(Map<String, String> features, List<String> variables) {
        List<Feature> out = new ArrayList<>();
        features.forEach((name, expression) -> {
            TrueInvariant compiled = ExpressionInvariant.of(name, expression, variables, "feature");
            out.add(new Feature(name, expression.strip(), compiled.field()::value));
        });
        return out;
    }

    /** {@code model} with {@code features} added to its own (the model itself when there are none). */
    public static SystemModel model(SystemModel model, Map<String, String> features) {
        if (features.isEmpty()) {
            return model;
        }
        List<Feature> all = new ArrayList<>(model.extraFeatures());
        all.addAll(of(features, model.stateSpace().variables()));
        List<Feature> extra = List.copyOf(all);
        return new SystemModel() {
            @Override
            public StateSpace stateSpace() {
                return model.stateSpace();
            }

            @Override
            public GroupedData sample(SamplingRequest request) {
                return model.sample(request);
            }

            @Override
            public List<TrueInvariant> invariants() {
                return model.invariants();
            }

            @Override
            public Optional<ConservedCounts> conservedCounts() {
                return model.conservedCounts();
            }

            @Override
            public Optional<VectorField> vectorField() {
                return model.vectorField();
            }

            @Override
            public Optional<List<String>> vectorFieldExpressions() {
                return model.vectorFieldExpressions();
            }

            @Override
            public List<Feature> extraFeatures() {
                return extra;
            }
        };
    }
}
