package org.invariantlab.core.train;

import org.invariantlab.api.InvariantLabException;

/**
 * Training diverged (a non-finite or astronomically large loss) before any model worth keeping existed: the run
 * learned nothing. The command line exits with the code of a run that failed to learn (3), as documented, not with
 * the code of a failure of the tool (1).
 */
public class TrainingDivergedException extends InvariantLabException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
