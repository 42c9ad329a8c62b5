package org.invariantlab.core.builtin;

import java.util.List;
import org.invariantlab.api.DescribedExtension;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.NetworkHead;

/**
 * Base of the built-in siamese heads, which score labelled pairs ({@link BatchLayout.Pairs}) only: it holds the
 * id, description and parameter declarations, so that a head class is its loss and nothing else.
 */
abstract class PairHead extends DescribedExtension implements NetworkHead {


    PairHead(String id, String description, List<ParameterSpec> parameters) {
        super(id, description, parameters);
    }




    /** Pair batches only. */
    @Override
    public final boolean accepts(BatchLayout layout) {
        return layout instanceof BatchLayout.Pairs;
    }
}
