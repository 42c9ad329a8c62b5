package org.invariantlab.core.builtin;

import java.util.List;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.NetworkHead;

/**
 * Base of the built-in siamese heads, which score labelled pairs ({@link BatchLayout.Pairs}) only: it holds the
 * id, description and parameter declarations, so that a head class is its loss and nothing else.
 */
abstract class PairHead implements NetworkHead {

    private final String id;
    private final String description;
    private final List<ParameterSpec> parameters;

    PairHead(String id, String description, List<ParameterSpec> parameters) {
        this.id = id;
        this.description = description;
        this.parameters = List.copyOf(parameters);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<ParameterSpec> parameters() {
        return parameters;
    }

    /** Pair batches only. */
    @Override
    public final boolean accepts(BatchLayout layout) {
        return layout instanceof BatchLayout.Pairs;
    }
}
