package org.invariantlab.core.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.core.run.RingSystem;
import org.junit.jupiter.api.Test;

/**
 * {@link FormulaCheck} on the ring (invariant {@code r2 = x² + y²}, exact data): a formula is exact only when
 * Symja proves it an affine function of the invariant, and only an exact formula stays constant within fresh
 * groups to rounding ({@link FormulaCheck#MIN_SPREAD_LIMIT}).
 */
class FormulaCheckTest {

    private static final SystemModel RING = new RingSystem().configure(Parameters.empty());
    private static final GroupedData FRESH = RING.sample(new SamplingRequest(300, 4, 99));

    @Test
    void anAffineFunctionOfTheInvariantIsExact() {
        for (String formula : List.of("x^2+y^2", "3*x^2+3*y^2-2", "-y^2/2-x^2/2+1/7")) {
            FormulaCheck.Result r = FormulaCheck.check(formula, field(formula), RING, List.of("r2"), FRESH);
            assertTrue(r.exact(), formula + ": " + FormulaCheck.describe(r));
            assertEquals(List.of("r2"), r.matches());
            assertTrue(r.constantOnFreshGroups(), formula + " spread " + r.freshSpread());
            assertTrue(r.freshSpread() < 1e-12, "rounding only: " + r.freshSpread());
        }
    }

    @Test
    void aNearMissIsNeitherExactNorConstantOnFreshGroups() {
        // 1001/1000 on y² is within 0.1 % of the invariant, but not it
        String formula = "x^2+1001/1000*y^2";
        FormulaCheck.Result r = FormulaCheck.check(formula, field(formula), RING, List.of("r2"), FRESH);
        assertFalse(r.exact(), FormulaCheck.describe(r));
        assertEquals(List.of(), r.matches());
        assertFalse(r.constantOnFreshGroups(), "spread " + r.freshSpread() + " limit " + r.spreadLimit());
    }

    @Test
    void aFunctionOfAnInvariantThatIsNotAffineIsDescribedAsSuchNotAsInexact() {
        // (x²+y²)²/2 is a function of r2 (conserved on every group) but no affine combination of it
        String formula = "(x^2+y^2)^2/2";
        FormulaCheck.Result r = FormulaCheck.check(formula, field(formula), RING, List.of("r2"), FRESH);
        assertFalse(r.exact(), "this check asks for an affine combination");
        assertTrue(r.constantOnFreshGroups(), "spread " + r.freshSpread() + " limit " + r.spreadLimit());
        String line = FormulaCheck.describe(r);
        assertTrue(line.startsWith("not an affine combination of the true invariants"), line);
        assertFalse(line.contains("not exact"), "whether it is a function of the truth is the verdict's word: " + line);
    }

    @Test
    void withoutCandidatesNothingIsExactButTheSpreadIsStillChecked() {
        FormulaCheck.Result r = FormulaCheck.check("x^2+y^2", field("x^2+y^2"), RING, List.of(), FRESH);
        assertFalse(r.exact());
        assertEquals("", r.combination());
        assertTrue(r.constantOnFreshGroups());
    }

    /** The formulas of the tests, evaluated directly. */
    private static ScalarField field(String formula) {
        return switch (formula) {
            case "x^2+y^2" -> ScalarField.of(s -> s[0] * s[0] + s[1] * s[1], s -> new double[] {2 * s[0], 2 * s[1]});
            case "3*x^2+3*y^2-2" -> ScalarField.of(s -> 3 * s[0] * s[0] + 3 * s[1] * s[1] - 2,
                    s -> new double[] {6 * s[0], 6 * s[1]});
            case "-y^2/2-x^2/2+1/7" -> ScalarField.of(s -> -(s[0] * s[0] + s[1] * s[1]) / 2 + 1.0 / 7,
                    s -> new double[] {-s[0], -s[1]});
            case "x^2+1001/1000*y^2" -> ScalarField.of(s -> s[0] * s[0] + 1.001 * s[1] * s[1],
                    s -> new double[] {2 * s[0], 2.002 * s[1]});
            case "(x^2+y^2)^2/2" -> ScalarField.of(s -> Math.pow(s[0] * s[0] + s[1] * s[1], 2) / 2, s -> {
                double r2 = s[0] * s[0] + s[1] * s[1];
                return new double[] {2 * r2 * s[0], 2 * r2 * s[1]};
            });
            default -> throw new IllegalArgumentException(formula);
        };
    }
}
