package org.invariantlab.core.job;

import java.util.List;
import org.invariantlab.core.verdict.SetVerdict;
import org.invariantlab.core.verdict.Verdict;

/**
 * The formula part of a job's metrics, from a reading and its checks ({@link FormulaReport#metrics()}): the formulas
 * with their LaTeX, how they were read, how well they fit and align, which true invariants they match, their spread
 * on fresh groups, flags, and each formula's verdict with the set's.
 */
public record FormulaSummary(String formula, String latex, List<String> formulas, List<String> reading, double r2,
                             double alignment, double networkAlignment, boolean exact, List<String> matches,
                             double freshSpread, List<String> flags, String error, List<Verdict> verdicts,
                             SetVerdict set) {
}
