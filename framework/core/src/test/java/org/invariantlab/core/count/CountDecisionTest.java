package org.invariantlab.core.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: one count from all the evidence — never one method's number over another's in silence, never confidently
 * wrong where the evidence disagrees. The cases are the ones measured: a superintegrable central force (svd 5 with
 * proven formulas, deflation 3), FPUT (svd 3 unproven against deflation 2), the negative control.
 */
class CountDecisionTest {

    private static CountDecision.Evidence e(String method, int count, int certified) {
        return new CountDecision.Evidence(method, count, certified);
    }

    @Test
    void aLargestCountProvenByItsFormulasIsCertifiedWhateverTheOthersCounted() {
        CountDecision d = CountDecision.of(List.of(e("deflation", 3, 3), e("svd", 5, 5), e("library-nullspace", 4, 4)));
        assertEquals(CountDecision.CERTIFIED, d.status());
        assertEquals(5, d.independent());
        assertTrue(d.confident());
        assertTrue(d.reason().contains("svd's formulas are 5 independent quantities, each conserved by its verdict"),
                d.reason());
    }

    @Test
    void disagreementWithoutProofIsUncertainWithTheRangeTheEvidenceAllows() {
        CountDecision d = CountDecision.of(List.of(e("deflation", 2, 1), e("svd", 3, 0), e("library-nullspace", 2, 2)));
        assertEquals(CountDecision.UNCERTAIN, d.status());
        assertFalse(d.confident());
        assertEquals(2, d.independent(), "the most trusted method's number, called uncertain");
        assertEquals(2, d.atLeast(), "the proven 2");
        assertEquals(3, d.atMost());
        assertTrue(d.reason().startsWith("uncertain, between 2 and 3: the methods disagree (deflation 2 (1 backed), "
                + "svd 3 (no formula conserved), library-nullspace 2 (backed by its formulas))"), d.reason());
    }

    @Test
    void methodsThatAgreeWithoutProofAgreeAndOneMethodAloneNeedsItsFormulas() {
        assertEquals(CountDecision.AGREED, CountDecision.of(List.of(e("deflation", 4, 0), e("svd", 4, 1))).status());
        CountDecision alone = CountDecision.of(List.of(e("svd", 1, 0)));
        assertEquals(CountDecision.UNCERTAIN, alone.status());
        assertEquals("uncertain: svd counted 1, but its formulas do not back it (svd 1 (no formula conserved))",
                alone.reason());
        assertEquals(CountDecision.CERTIFIED, CountDecision.of(List.of(e("svd", 2, 2))).status());
    }

    @Test
    void nothingConservedIsACountOfZeroThatNeedsNoFormula() {
        CountDecision none = CountDecision.of(List.of(e("deflation", 0, 0), e("svd", 0, 0)));
        assertEquals(CountDecision.AGREED, none.status());
        assertEquals(0, none.independent());
        assertEquals(CountDecision.AGREED, CountDecision.of(List.of(e("deflation", 0, 0))).status());
        CountDecision split = CountDecision.of(List.of(e("deflation", 0, 0), e("svd", 2, 0)));
        assertEquals(CountDecision.UNCERTAIN, split.status(), "svd's unproven 2 against deflation's 0");
        assertEquals(0, split.atLeast());
        assertNull(CountDecision.of(List.of()));
    }
}
